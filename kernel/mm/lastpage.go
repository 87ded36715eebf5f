package mm

// copyCache is a small software TLB for the kernel's copies: the last
// few pages a CopyIn or CopyOut went through, their frames and their
// VMAs' protection. Syscalls copy small structures to and from the same
// few pages again and again (a mask in .data, the stack, the rseq area),
// and a hit saves the VMA search and the page-map lookup. Two entries,
// replaced round robin, cover a syscall that reads one page and writes
// another without thrashing. Whatever removes a page or a VMA, or
// changes a protection, clears it (reset).
type copyCache struct {
	e    [copyCacheSize]cacheEntry
	next uint8
}

const copyCacheSize = 2

type cacheEntry struct {
	valid bool
	vpn   uint64
	pa    uint64
	prot  Prot
}

// reset forgets every entry.
func (c *copyCache) reset() { *c = copyCache{} }

// cached returns the frame of addr's page when the cache holds it with
// the protection need.
func (as *AddressSpace) cached(addr uint64, need Prot) (uint64, bool) {
	vpn := addr >> pageShift
	for i := range as.last.e {
		e := &as.last.e[i]
		if e.valid && e.vpn == vpn && e.prot&need == need {
			return e.pa, true
		}
	}
	return 0, false
}

// remember caches addr's page, present at frame pa in a VMA with prot.
func (as *AddressSpace) remember(addr, pa uint64, prot Prot) {
	c := &as.last
	c.e[c.next] = cacheEntry{valid: true, vpn: addr >> pageShift, pa: pa,
		prot: prot}
	c.next = (c.next + 1) % copyCacheSize
}
