//! civis-store-sqlite
