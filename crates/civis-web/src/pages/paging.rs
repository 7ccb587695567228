//! Page numbers in lists (`?page=N`) and the previous/next links.

use crate::i18n::L10n;

/// One page of a list of `total` rows, `per_page` at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page number, clamped to the existing pages.
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
    /// Rows per page.
    pub per_page: u32,
}

impl Paging {
    /// The requested page (`?page=`; anything unreadable means 1), clamped to `1..=pages`.
    pub fn new(requested: Option<&str>, total: u64, per_page: u32) -> Self {
        let pages = total.div_ceil(u64::from(per_page.max(1))).max(1);
        let page = requested
            .and_then(|p| p.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Paging {
            page,
            pages,
            per_page: per_page.max(1),
        }
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * u64::from(self.per_page)
    }

    /// "Page 2 of 5", translated.
    pub fn status(&self, l: &L10n) -> String {
        l.t2("pager-status", ("page", self.page), ("pages", self.pages))
    }

    /// Link to the previous page, if any; `base` is the query without `page` (may be empty).
    pub fn prev_href(&self, path: &str, base: &str) -> Option<String> {
        (self.page > 1).then(|| href(path, base, self.page - 1))
    }

    /// Link to the next page, if any.
    pub fn next_href(&self, path: &str, base: &str) -> Option<String> {
        (self.page < self.pages).then(|| href(path, base, self.page + 1))
    }
}

fn href(path: &str, base: &str, page: u64) -> String {
    if base.is_empty() {
        format!("{path}?page={page}")
    } else {
        format!("{path}?{base}&page={page}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_and_links() {
        let p = Paging::new(Some("9"), 45, 20);
        assert_eq!((p.page, p.pages, p.offset()), (3, 3, 40));
        assert_eq!(p.prev_href("/x", "a=1").as_deref(), Some("/x?a=1&page=2"));
        assert_eq!(p.next_href("/x", ""), None);
        let first = Paging::new(Some("zero"), 0, 20);
        assert_eq!((first.page, first.pages), (1, 1));
        assert_eq!(first.prev_href("/x", ""), None);
    }
}
