//! civis-web
