package mm

// copyCache is a small software TLB for the kernel's copies: the last
// few pages a CopyIn or CopyOut went through, their frames and their
// VMAs' protection. Syscalls copy small structures to and from the same
// few pages again and again (a mask in .data, the stack, the rseq area),
// and a hit saves the VMA search and the page-map lookup. Eight entries,
// replaced round robin and searched newest first, cover signal delivery
// with an rseq abort (the rseq area, the descriptor, the signature before
// abort_ip, a frame across two stack pages) without thrashing: with four,
// arm64's rseq_abort cost 8249 instructions instead of 5408. Whatever removes a page or a
// VMA, or changes a protection, clears it (reset). The size must stay a
// power of two: the index wraps with a modulo of the uint8 position.
type copyCache struct {
	e    [copyCacheSize]cacheEntry
	next uint8
}

const copyCacheSize = 8

type cacheEntry struct {
	valid bool
	vpn   uint64
	pa    uint64
	prot  Prot
	// frame is the page's bytes, so a hit needs no Phys call.
	frame []byte
}

// reset forgets every entry.
func (c *copyCache) reset() { *c = copyCache{} }

// cached returns the bytes of addr's page when the cache holds it with
// the protection need; need ProtNone asks for any access (a read).
func (as *AddressSpace) cached(addr uint64, need Prot) ([]byte, bool) {
	vpn := addr >> pageShift
	c := &as.last
	for k := range uint8(copyCacheSize) {
		// Newest first: the page of the previous copy is the likeliest.
		e := &c.e[(c.next-1-k)%copyCacheSize]
		if e.valid && e.vpn == vpn && e.prot&need == need &&
			e.prot&protAccess != 0 {
			return e.frame, true
		}
	}
	return nil, false
}

// cachedSpan is cached for a copy of n bytes that stays in addr's page:
// the bytes to copy from or to, or false.
func (as *AddressSpace) cachedSpan(addr uint64, n int, need Prot) ([]byte,
	bool) {
	off := addr & pageMask
	if n <= 0 || off+uint64(n) > pageSize {
		return nil, false
	}
	f, ok := as.cached(addr, need)
	if !ok {
		return nil, false
	}
	return f[off : off+uint64(n)], true
}

// remember caches addr's page, present at frame pa in a VMA with prot.
func (as *AddressSpace) remember(addr, pa uint64, prot Prot) {
	c := &as.last
	c.e[c.next] = cacheEntry{valid: true, vpn: addr >> pageShift, pa: pa,
		prot: prot, frame: as.phys.Frame(pa)}
	c.next = (c.next + 1) % copyCacheSize
}
