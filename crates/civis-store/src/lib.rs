//! civis-store
