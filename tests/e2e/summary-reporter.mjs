// A node:test reporter that ends the end-to-end layer with one plain line:
// "e2e: N passed, N failed". Steps (subtests) count; a test made of steps counts through them.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let lastNesting = -1;
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    const isParent = lastNesting === data.nesting + 1;
    lastNesting = data.nesting;
    if (isParent) {
      if (type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') failed += 1;
      continue;
    }
    if (type === 'test:pass') passed += 1;
    else failed += 1;
  }
  yield `e2e: ${passed} passed, ${failed} failed\n`;
}
