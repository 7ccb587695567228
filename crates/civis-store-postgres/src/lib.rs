//! civis-store-postgres
