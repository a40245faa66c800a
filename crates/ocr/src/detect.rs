//! Which structured format a file is, from its name and its first bytes: the
//! extension says what kind of file it claims to be, the content which of the
//! formats sharing that extension it is (`.xml` is ALTO or PAGE) and whether it
//! is one at all (a `.json` or `.html` of something else is not OCR).

use crate::Format;

/// How much of the head the content checks look at.
const SNIFF: usize = 64 * 1024;

/// The structured OCR format of a file, or `None` for anything else — plain text
/// included, which the caller reads as it always has. `head` is the file's start:
/// pass at least 8 KB (the whole file is fine).
pub fn detect(file_name: &str, head: &[u8]) -> Option<Format> {
    let (_, ext) = file_name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let head = &head[..head.len().min(SNIFF)];
    // A head cut inside a character is still good for looking at markup.
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    match ext.as_str() {
        "hocr" | "html" | "htm" | "xhtml" => is_hocr(text).then_some(Format::Hocr),
        "xml" => match root_element(text)? {
            "alto" => Some(Format::Alto),
            "PcGts" => Some(Format::PageXml),
            "html" if is_hocr(text) => Some(Format::Hocr),
            _ => None,
        },
        "tsv" => {
            let first = text.lines().next()?.trim_end_matches('\r');
            first
                .split('\t')
                .eq(crate::tsv::HEADER)
                .then_some(Format::TesseractTsv)
        }
        "json" => is_paddle(text).then_some(Format::PaddleJson),
        _ => None,
    }
}

fn is_hocr(text: &str) -> bool {
    text.contains("ocr_page")
}

/// The local name of the first element, past the XML declaration, comments,
/// processing instructions and the DOCTYPE.
fn root_element(text: &str) -> Option<&str> {
    let mut rest = text.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A DOCTYPE, perhaps with an internal subset in brackets.
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => r.find("]>").map(|e| e + 2)?,
                (_, Some(g)) => g + 1,
                _ => return None,
            };
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            let name = &r[..end];
            return Some(name.rsplit(':').next().unwrap_or(name));
        } else {
            return None;
        }
        rest = rest.trim_start();
    }
}

fn is_paddle(text: &str) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(16)
        .collect();
    let keys = [
        "\"rec_texts\"",
        "\"rec_polys\"",
        "\"dt_polys\"",
        "\"input_path\"",
    ];
    let has_key = keys.iter().any(|k| text.contains(k));
    compact.starts_with("[[[[")
        || (compact.starts_with('{') || compact.starts_with("[{")) && has_key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_element_past_prolog() {
        let x = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<pc:PcGts xmlns:pc=\"u\">";
        assert_eq!(root_element(x), Some("PcGts"));
        assert_eq!(detect("a.XML", x.as_bytes()), Some(Format::PageXml));
        assert_eq!(detect("a.txt", x.as_bytes()), None);
        assert_eq!(detect("noext", x.as_bytes()), None);
        assert_eq!(detect("a.json", b"{\"x\": 1}"), None);
        assert_eq!(detect("a.json", b" [ [ [ [1, 2]"), Some(Format::PaddleJson));
    }
}
