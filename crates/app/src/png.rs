//! A minimal PNG writer (8-bit RGBA, no filtering) for `--screenshot`: the zlib
//! stream comes from miniz_oxide, already a dependency for the font, so the app
//! needs no image crate.

use std::io::Write;
use std::path::Path;

/// Encodes `rgba` (`width * height * 4` bytes, rows top to bottom) as PNG.
pub fn encode(width: u32, height: u32, rgba: &[u8]) -> anyhow::Result<Vec<u8>> {
    let row = width as usize * 4;
    anyhow::ensure!(
        rgba.len() == row * height as usize,
        "image is {} bytes, expected {}",
        rgba.len(),
        row * height as usize
    );
    let mut raw = Vec::with_capacity((row + 1) * height as usize);
    for line in rgba.chunks_exact(row) {
        raw.push(0); // filter: none
        raw.extend_from_slice(line);
    }
    let mut out = Vec::new();
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8 bits, RGBA, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(&mut out, b"IEND", &[]);
    Ok(out)
}

pub fn write(path: &Path, width: u32, height: u32, rgba: &[u8]) -> anyhow::Result<()> {
    let bytes = encode(width, height, rgba)?;
    let mut f = std::fs::File::create(path)?;
    f.write_all(&bytes)?;
    f.sync_all()?;
    Ok(())
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = Crc::default();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finish().to_be_bytes());
}

/// CRC-32 (IEEE), as PNG chunks require.
struct Crc(u32);

impl Default for Crc {
    fn default() -> Self {
        Crc(0xffff_ffff)
    }
}

impl Crc {
    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let mut c = (self.0 ^ u32::from(b)) & 0xff;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            self.0 = c ^ (self.0 >> 8);
        }
    }

    fn finish(&self) -> u32 {
        self.0 ^ 0xffff_ffff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_spec_example() {
        let mut c = Crc::default();
        c.update(b"IEND");
        assert_eq!(c.finish(), 0xae42_6082);
    }

    #[test]
    fn wrong_size_is_an_error() {
        assert!(encode(2, 2, &[0; 15]).is_err());
        assert!(encode(2, 2, &[0; 16]).is_ok());
    }
}
