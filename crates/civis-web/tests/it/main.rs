//! civis-web integration tests: one binary, one module per area.

mod locales;
