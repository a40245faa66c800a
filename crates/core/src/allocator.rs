//! The process's allocator settings, made once at start (by the binary and by the
//! benchmarks, so that they measure what the binary does).
//!
//! glibc's malloc adapts its thresholds to what it sees freed: after a large block
//! is freed it raises the size below which blocks come from the heap, and it
//! returns the heap's free top to the kernel once that top exceeds twice that
//! size. A check allocates and frees tables of several MB on every run (the line
//! table alone is about 90 bytes a line), and depending on what was allocated
//! before, glibc then hands those pages back after every run and the next run
//! faults them in again, zeroed: measured on the 10 MB benchmark input, `check`
//! took 63 ms instead of 37 ms, and the 1 MB `check` 5.1 ms instead of 3.0 ms after
//! an unrelated allocation at start-up. Fixed thresholds end the adaptation, so a
//! re-check after each keystroke, a folder batch and a benchmark see the same,
//! fast, behaviour.

/// Blocks at least this large are mapped on their own (and unmapped when freed):
/// glibc's ceiling for this threshold on 64-bit systems.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD_BYTES: i32 = 32 << 20;

/// Free heap above this much stays with the process instead of going back to the
/// kernel: room for the working set of a 30 MB page, which is far bigger than any
/// real one; a process that never grew this large never holds more.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD_BYTES: i32 = 256 << 20;

/// Fixes glibc's mmap and trim thresholds (see the module docs). Elsewhere (other
/// allocators, other systems) it does nothing. Call it before any big allocation.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it takes plain integers and
    // is safe to call at any time, from any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
    }
}
