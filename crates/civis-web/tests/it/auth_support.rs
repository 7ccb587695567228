//! Helpers shared by the authentication tests: reading forms out of pages.

/// The value of the `<input name="{name}" … value="…">` of `page` (the first one).
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name} in page"));
    let tag_start = page[..start].rfind('<').unwrap();
    let tag_end = start + page[start..].find('>').unwrap();
    let tag = &page[tag_start..tag_end];
    let v = tag
        .find("value=\"")
        .unwrap_or_else(|| panic!("{name} has no value: {tag}"))
        + 7;
    let rest = &tag[v..];
    rest[..rest.find('"').unwrap()]
        .replace("&#x2F;", "/")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}
