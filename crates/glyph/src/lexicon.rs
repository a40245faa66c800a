//! The embedded language data: word costs, character bigrams, look-alike neighbours (rendered
//! shapes, curated groups, Tesseract's confusions on the tuning pages), surnames.

use crate::hash::{FastMap, FastSet};
use std::sync::OnceLock;

static WORDS: &[u8] = include_bytes!("../data/words.bin");
static NEIGHBOURS: &str = include_str!("../data/neighbours.tsv");
static BIGRAMS: &[u8] = include_bytes!("../data/bigrams.bin");
static TESS_PAIRS: &str = include_str!("../data/tess_pairs.tsv");
/// Glyph pairs of running newspaper-register prose (scripts/build_running_bigrams.py):
/// records `[a:u16 BE][b:u16 BE][count:u8]`, sorted.
static RUNNING: &[u8] = include_bytes!("../data/running_bigrams.bin");
static SURNAMES: &str = include_str!("../data/surnames.txt");

/// Longest dictionary word, in chars (six 21-bit code points fill a u128 key).
pub(crate) const MAX_CHARS: usize = 6;

/// Key of a string of at most [`MAX_CHARS`] chars: its code points in base 2^21.
#[inline]
pub(crate) fn key(it: impl Iterator<Item = char>) -> u128 {
    it.fold(0u128, |k, c| (k << 21) | c as u128)
}

/// Prior cost (nats) of a Tesseract confusion seen once on the tuning pages (minus ln(count)).
const TESS_BASE_COST: f32 = 4.0;

/// The masked position of a fill pattern.
pub(crate) const WILD: char = '\u{1}';

/// Cost (negative natural log probability) of a character the dictionary does not know.
pub(crate) const OOV_COST: f32 = 20.0;

/// A look-alike glyph and the prior cost (nats) of the OCR confusing the two.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    pub glyph: char,
    pub cost: f32,
}

/// Word unigram costs plus the visual-neighbour table, built once from the embedded tables.
pub struct Lexicon {
    /// Words of up to six chars, keyed by [`key`].
    words: FastMap<u128, f32>,
    /// Common (cost < RARE) words of two or three chars, for the candidate prefilter.
    common: FastSet<u128>,
    max_word_chars: usize,
    neighbours: FastMap<char, Vec<Neighbour>>,
    /// BMP chars: `start << 8 | len` of their neighbours in `nb_pool` (the map holds the rest).
    nb_index: Vec<u32>,
    nb_pool: Vec<Neighbour>,
    /// BMP chars: cost as a one-char word (NaN: not a word), without hashing.
    single: Vec<f32>,
    /// Common 2- and 3-char words with one char masked ([`WILD`]) → their fillers, cheapest first.
    /// Key (u64: at most three 21-bit chars) → `start << 4 | len` in `fill_pool`.
    fill: FastMap<u64, u32>,
    fill_pool: Vec<(char, f32)>,
    /// Record index in BIGRAMS of the first pair starting with each BMP char (65 537 entries).
    bigram_first: Vec<u32>,
    surnames: FastSet<&'static str>,
    /// Per BMP char: longest dictionary word starting with it (low nibble) and ending with it
    /// (high nibble); 0 = none. Lets the segmentation skip look-ups that cannot hit.
    span: Vec<u8>,
    /// Per BMP char: where it sits in common 2- and 3-char words ([`role_bit`]).
    roles: Vec<u8>,
    /// Bloom bitsets (one hash, 2^PAIR_BITS bits) of the char pairs that begin / end a
    /// dictionary word of two or more chars: most segmentation look-ups end here, in cache.
    pair_start: Vec<u64>,
    pair_end: Vec<u64>,
    /// The same for every pair of the bigram table: most pairs across word boundaries are not
    /// attested, and this answers them without the binary search.
    pair_any: Vec<u64>,
    /// Keys `a << 16 | b` of [`RUNNING`], sorted, with their counts.
    running: Vec<(u32, u8)>,
}

const PAIR_BITS: u32 = 21;

#[inline]
fn pair_slot(a: char, b: char) -> (usize, u64) {
    let h = ((a as u64) << 21 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS);
    ((h >> 6) as usize, 1u64 << (h & 63))
}

/// Bit of [`Lexicon::roles`] for position `pos` in a common word of `len` (2 or 3) chars.
#[inline]
pub(crate) fn role_bit(len: usize, pos: usize) -> u8 {
    1 << ((len - 2) * 2 + pos)
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The shared lexicon, built on first use (about 70–100 ms) from tables compiled into the crate.
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(Lexicon::embedded)
}

impl Lexicon {
    fn embedded() -> Lexicon {
        let mut words = FastMap::with_capacity_and_hasher(160_000, Default::default());
        let mut common = FastSet::with_capacity_and_hasher(100_000, Default::default());
        let mut max_word_chars = 1;
        let mut fill_tmp: FastMap<u64, Vec<(char, f32)>> =
            FastMap::with_capacity_and_hasher(200_000, Default::default());
        let mut span = vec![0u8; 0x10000];
        let mut roles = vec![0u8; 0x10000];
        let mut pair_start = vec![0u64; 1 << (PAIR_BITS - 6)];
        let mut pair_end = vec![0u64; 1 << (PAIR_BITS - 6)];
        let mut i = 0;
        while i < WORDS.len() {
            let len = WORDS[i] as usize;
            let Some(bytes) = WORDS.get(i + 1..i + 1 + len) else {
                break;
            };
            let Some(&cost) = WORDS.get(i + 1 + len) else {
                break;
            };
            if let Ok(w) = std::str::from_utf8(bytes) {
                let n = w.chars().count();
                if n <= MAX_CHARS {
                    max_word_chars = max_word_chars.max(n);
                    let k = key(w.chars());
                    let cost = cost as f32 / 8.0;
                    words.insert(k, cost);
                    if n >= 2 {
                        let mut it = w.chars();
                        let (a, b) = (it.next().unwrap_or('\0'), it.next().unwrap_or('\0'));
                        let (i, m) = pair_slot(a, b);
                        pair_start[i] |= m;
                        let mut it = w.chars().rev();
                        let (b, a) = (it.next().unwrap_or('\0'), it.next().unwrap_or('\0'));
                        let (i, m) = pair_slot(a, b);
                        pair_end[i] |= m;
                    }
                    if let (Some(f), Some(l)) = (w.chars().next(), w.chars().last()) {
                        if (f as u32) < 0x10000 {
                            let v = &mut span[f as usize];
                            *v = (*v & 0xF0) | (*v & 0x0F).max(n as u8);
                        }
                        if (l as u32) < 0x10000 {
                            let v = &mut span[l as usize];
                            *v = (*v & 0x0F) | ((*v >> 4).max(n as u8) << 4);
                        }
                    }
                    if (2..=3).contains(&n) && cost < crate::scan::RARE_WORD_COST {
                        common.insert(k);
                        for (pos, ch) in w.chars().enumerate() {
                            if (ch as u32) < 0x10000 {
                                roles[ch as usize] |= role_bit(n, pos);
                            }
                        }
                    }
                    if (2..=3).contains(&n) && cost < crate::scan::FILL_WORD_COST {
                        let cs: Vec<char> = w.chars().collect();
                        for i in 0..n {
                            let pk = key((0..n).map(|j| if j == i { WILD } else { cs[j] }));
                            fill_tmp.entry(pk as u64).or_default().push((cs[i], cost));
                        }
                    }
                }
            }
            i += len + 2;
        }
        let mut neighbours: FastMap<char, Vec<Neighbour>> = FastMap::default();
        for line in NEIGHBOURS.lines() {
            let mut f = line.split('\t');
            let (Some(a), Some(b), Some(c)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Some(a), Some(b)) = (a.chars().next(), b.chars().next()) else {
                continue;
            };
            let Ok(c) = c.trim().parse::<u32>() else {
                continue;
            };
            neighbours.entry(a).or_default().push(Neighbour {
                glyph: b,
                cost: c as f32 / 10.0,
            });
        }
        // Tesseract's own confusions on the tuning pages: cost falls with the count
        for line in TESS_PAIRS.lines() {
            let mut f = line.split('\t');
            let (Some(a), Some(b), Some(c)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Some(a), Some(b)) = (a.chars().next(), b.chars().next()) else {
                continue;
            };
            let Ok(count) = c.trim().parse::<u32>() else {
                continue;
            };
            let cost = (TESS_BASE_COST - (count as f32).ln()).max(1.5);
            let v = neighbours.entry(a).or_default();
            match v.iter_mut().find(|nb| nb.glyph == b) {
                Some(nb) => nb.cost = nb.cost.min(cost),
                None => v.push(Neighbour { glyph: b, cost }),
            }
        }
        for v in neighbours.values_mut() {
            v.sort_by(|x, y| x.cost.total_cmp(&y.cost));
        }
        let mut nb_index = vec![0u32; 0x10000];
        let mut nb_pool = Vec::new();
        for (&c, v) in &neighbours {
            if (c as u32) < 0x10000 && v.len() < 256 {
                nb_index[c as usize] = ((nb_pool.len() as u32) << 8) | v.len() as u32;
                nb_pool.extend_from_slice(v);
            }
        }
        neighbours.retain(|&c, v| (c as u32) >= 0x10000 || v.len() >= 256);
        let mut single = vec![f32::NAN; 0x10000];
        for (&k, &cost) in &words {
            if k < 0x10000 {
                single[k as usize] = cost;
            }
        }
        let mut fill = FastMap::with_capacity_and_hasher(fill_tmp.len(), Default::default());
        let mut fill_pool = Vec::with_capacity(fill_tmp.len() * 2);
        for (k, mut v) in fill_tmp {
            v.sort_by(|x, y| x.1.total_cmp(&y.1));
            v.truncate(crate::scan::FILL_PER_PATTERN.min(15));
            fill.insert(k, ((fill_pool.len() as u32) << 4) | v.len() as u32);
            fill_pool.extend(v);
        }
        let nrec = BIGRAMS.len() / 5;
        let mut bigram_first = vec![0u32; 0x10001];
        let mut r = 0usize;
        for (a, slot) in bigram_first.iter_mut().enumerate() {
            while r < nrec
                && (u16::from_be_bytes([BIGRAMS[r * 5], BIGRAMS[r * 5 + 1]]) as usize) < a
            {
                r += 1;
            }
            *slot = r as u32;
        }
        let mut pair_any = vec![0u64; 1 << (PAIR_BITS - 6)];
        for rec in BIGRAMS.chunks_exact(5) {
            let a = u16::from_be_bytes([rec[0], rec[1]]) as u32;
            let b = u16::from_be_bytes([rec[2], rec[3]]) as u32;
            if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
                let (i, m) = pair_slot(a, b);
                pair_any[i] |= m;
            }
        }
        let running = RUNNING
            .chunks_exact(5)
            .map(|r| {
                let a = u16::from_be_bytes([r[0], r[1]]) as u32;
                let b = u16::from_be_bytes([r[2], r[3]]) as u32;
                (a << 16 | b, r[4])
            })
            .collect();
        let surnames = SURNAMES.split_whitespace().collect();
        Lexicon {
            running,
            words,
            common,
            max_word_chars,
            neighbours,
            nb_index,
            nb_pool,
            single,
            fill,
            fill_pool,
            bigram_first,
            surnames,
            span,
            roles,
            pair_start,
            pair_end,
            pair_any,
        }
    }

    /// False proves that no dictionary word (of two or more chars) begins with `ab`.
    #[inline]
    pub(crate) fn may_begin(&self, a: char, b: char) -> bool {
        let (i, m) = pair_slot(a, b);
        self.pair_start[i] & m != 0
    }

    /// False proves that no dictionary word (of two or more chars) ends with `ab`.
    #[inline]
    pub(crate) fn may_end(&self, a: char, b: char) -> bool {
        let (i, m) = pair_slot(a, b);
        self.pair_end[i] & m != 0
    }

    /// Longest dictionary word starting with `c` (0: none; chars beyond the BMP: no limit).
    #[inline]
    pub(crate) fn max_start(&self, c: char) -> usize {
        match self.span.get(c as usize) {
            Some(v) => (v & 0x0F) as usize,
            None => MAX_CHARS,
        }
    }

    /// Longest dictionary word ending with `c` (0: none; chars beyond the BMP: no limit).
    #[inline]
    pub(crate) fn max_end(&self, c: char) -> usize {
        match self.span.get(c as usize) {
            Some(v) => (v >> 4) as usize,
            None => MAX_CHARS,
        }
    }

    /// Whether `c` may sit at `pos` of a common word of `len` (2 or 3) chars: false proves
    /// that no such word has it there (a cheap test before the hash look-up).
    #[inline]
    pub(crate) fn may_fill(&self, c: char, len: usize, pos: usize) -> bool {
        self.roles
            .get(c as usize)
            .is_none_or(|&r| r & role_bit(len, pos) != 0)
    }

    /// [`role_bit`]s of the positions `c` takes in common 2- and 3-char words (all set beyond the BMP).
    #[inline]
    pub(crate) fn roles(&self, c: char) -> u8 {
        self.roles.get(c as usize).copied().unwrap_or(0xFF)
    }

    /// Whether `cs` (2 or 3 chars) is a common word, testing the char roles first.
    #[inline]
    pub(crate) fn is_common_chars(&self, cs: &[char]) -> bool {
        let n = cs.len();
        (2..=3).contains(&n)
            && cs.iter().enumerate().all(|(i, &c)| self.may_fill(c, n, i))
            && self.common.contains(&key(cs.iter().copied()))
    }

    /// Cost (nats) of a dictionary word, `None` when the word is unknown.
    #[inline]
    pub fn word_cost(&self, w: &str) -> Option<f32> {
        if w.is_empty() || w.chars().count() > MAX_CHARS {
            return None;
        }
        self.cost_key(key(w.chars()))
    }

    #[inline]
    pub(crate) fn cost_key(&self, k: u128) -> Option<f32> {
        if k < 0x10000 {
            let c = self.single[k as usize];
            return if c.is_nan() { None } else { Some(c) };
        }
        self.words.get(&k).copied()
    }

    /// Whether the 2- or 3-char string with this key is a common word.
    #[inline]
    pub(crate) fn is_common(&self, k: u128) -> bool {
        self.common.contains(&k)
    }

    /// Chars that complete the masked pattern (key with one [`WILD`]) into a common word.
    #[inline]
    pub(crate) fn fillers(&self, pattern: u128) -> &[(char, f32)] {
        match self.fill.get(&(pattern as u64)) {
            Some(&v) => {
                let (start, len) = ((v >> 4) as usize, (v & 15) as usize);
                &self.fill_pool[start..start + len]
            }
            None => &[],
        }
    }

    /// How often news prose writes the glyph pair `ab` side by side (0: fewer than twice in the
    /// ~250 000 Han chars of the table). Catches the abbreviations and set phrases of news copy
    /// (提质, 规上, 纾困) that no dictionary lists.
    pub fn running(&self, a: char, b: char) -> u8 {
        let (a, b) = (a as u32, b as u32);
        if a > 0xFFFF || b > 0xFFFF {
            return 0;
        }
        let k = a << 16 | b;
        match self.running.binary_search_by_key(&k, |r| r.0) {
            Ok(i) => self.running[i].1,
            Err(_) => 0,
        }
    }

    /// How well the char pair `ab` is attested inside dictionary words: 0 = never,
    /// else about 2·ln(1 + summed frequency of the words holding it).
    pub fn bigram(&self, a: char, b: char) -> u8 {
        let (i, m) = pair_slot(a, b);
        if self.pair_any[i] & m == 0 {
            return 0;
        }
        let (a, b) = (a as u32, b as u32);
        if a > 0xFFFF || b > 0xFFFF {
            return 0;
        }
        let (mut lo, mut hi) = (
            self.bigram_first[a as usize] as usize,
            self.bigram_first[a as usize + 1] as usize,
        );
        while lo < hi {
            let mid = (lo + hi) / 2;
            let r = &BIGRAMS[mid * 5..mid * 5 + 5];
            let k = u16::from_be_bytes([r[2], r[3]]) as u32;
            match k.cmp(&b) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return r[4].max(1),
            }
        }
        0
    }

    /// Number of words in the dictionary.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    pub(crate) fn max_word_chars(&self) -> usize {
        self.max_word_chars
    }

    /// Glyphs that look like `c`, cheapest confusion first.
    pub fn neighbours(&self, c: char) -> &[Neighbour] {
        match self.nb_index.get(c as usize) {
            Some(&v) if v != 0 => {
                let (start, len) = ((v >> 8) as usize, (v & 0xFF) as usize);
                return &self.nb_pool[start..start + len];
            }
            _ => {}
        }
        self.neighbours.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    pub(crate) fn is_surname(&self, s: &str) -> bool {
        self.surnames.contains(s)
    }
}
