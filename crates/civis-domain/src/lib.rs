//! civis-domain
