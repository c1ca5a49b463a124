//! The browser's clock and the ids made from its randomness.

use super::crypto::random_bytes;
use super::error::StoreError;
use crate::domain::date::{Date, Timestamp};
use crate::domain::id::RecordId;

pub fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as Timestamp
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as Timestamp)
            .unwrap_or(0)
    }
}

/// Today's date on this laptop's clock, in its own time zone.
pub fn today() -> Date {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        Date::new(
            d.get_full_year() as u16,
            d.get_month() as u8 + 1,
            d.get_date() as u8,
        )
        .unwrap_or_else(|| Date::from_timestamp(now()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Date::from_timestamp(now())
    }
}

pub fn new_id() -> Result<RecordId, StoreError> {
    Ok(RecordId::from_random_bytes(
        random_bytes::<16>().map_err(|_| StoreError::NoRandomness)?,
    ))
}

/// A monotonic clock in milliseconds with sub-millisecond precision, for measuring phases.
pub fn precise_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1000.0
    }
}

/// Named phases of one operation and how long each took (for benchmarks and diagnostics).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Phases {
    start: f64,
    last: f64,
    pub laps: Vec<(&'static str, f64)>,
}

impl Phases {
    pub fn start() -> Phases {
        let now = precise_ms();
        Phases {
            start: now,
            last: now,
            laps: vec![],
        }
    }

    /// Ends the current phase, naming it.
    pub fn lap(&mut self, name: &'static str) {
        let now = precise_ms();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    pub fn total(&self) -> f64 {
        self.last - self.start
    }
}
