package mm

// copyCache is a small software TLB for the kernel's copies: pages recent
// CopyIn and CopyOut calls went through, their frames and their VMAs'
// protection. Syscalls copy small structures to and from the same few
// pages again and again (a mask in .data, the stack, the rseq area, its
// descriptor, the signature before abort_ip), and a hit saves the VMA
// search and the page-map lookup.
//
// It is two-way set associative, 32 sets indexed by the low bits of the
// page number, each replacing its least recently used way: a lookup
// compares two tags, where a fully associative cache searched in order
// cost about ten instructions per entry passed (35 per copy on average in
// the signal and rseq benchmarks, when it had eight entries). Only
// pages in a VMA with some access are remembered. Whatever removes a VMA
// or changes a protection clears it (reset); a page that loses its frame
// loses its entry (forget).
type copyCache struct {
	sets [copyCacheSets]cacheSet
}

const (
	copyCacheSets = 32
	copyCacheWays = 2
	// copyCacheSize is how many pages the cache holds.
	copyCacheSize = copyCacheSets * copyCacheWays
)

// cacheSet is one set: its ways and which was used last.
type cacheSet struct {
	e   [copyCacheWays]cacheEntry
	mru uint8
}

type cacheEntry struct {
	// tag is the page number + 1; 0 is an empty way.
	tag  uint64
	prot Prot
	// frame is the page's bytes, so a hit needs no Phys call.
	frame []byte
}

// reset forgets every entry.
func (c *copyCache) reset() { *c = copyCache{} }

// forget drops the entry of the page at vpn, if the cache holds it: for
// a page whose frame goes, which is all the cache knows of it.
func (c *copyCache) forget(vpn uint64) {
	s := &c.sets[vpn%copyCacheSets]
	for i := range s.e {
		if s.e[i].tag == vpn+1 {
			s.e[i] = cacheEntry{}
		}
	}
}

// set returns the set addr's page belongs to.
func (c *copyCache) set(addr uint64) *cacheSet {
	return &c.sets[(addr>>pageShift)%copyCacheSets]
}

// cached returns the bytes of addr's page when the cache holds it with
// the protection need; need ProtNone asks for any access (a read). The
// way used last is tried first: consecutive copies mostly go to the same
// page.
func (as *AddressSpace) cached(addr uint64, need Prot) ([]byte, bool) {
	tag := addr>>pageShift + 1
	s := as.last.set(addr)

	w := s.mru
	e := &s.e[w%copyCacheWays]
	if e.tag != tag || e.prot&need != need {
		w ^= 1
		e = &s.e[w%copyCacheWays]
		if e.tag != tag || e.prot&need != need {
			return nil, false
		}
		s.mru = w
	}
	return e.frame, true
}

// cachedSpan is the bytes [addr, addr+n) when they lie in one page that
// the cache holds, in the way its set used last, with the protection
// need: the fast path of CopyIn and CopyOut, small enough to be inlined
// into them. A miss costs the callers their slow path, which looks at
// both ways (cached) and makes the page the one used last.
func (as *AddressSpace) cachedSpan(addr uint64, n int, need Prot) ([]byte,
	bool) {
	off := addr & pageMask
	s := as.last.set(addr)
	e := &s.e[s.mru%copyCacheWays]
	if e.tag != addr>>pageShift+1 || e.prot&need != need || n <= 0 ||
		off+uint64(n) > pageSize {
		return nil, false
	}
	return e.frame[off : off+uint64(n)], true
}

// remember caches addr's page, present at frame pa in a VMA with prot,
// which has some access. It replaces the way of the set not used last,
// or the page's own entry when the set has it already. (Two ways: the
// way not used last is mru ^ 1.)
func (as *AddressSpace) remember(addr, pa uint64, prot Prot) {
	tag := addr>>pageShift + 1
	s := as.last.set(addr)
	w := s.mru ^ 1
	for i := range s.e {
		if s.e[i].tag == tag {
			w = uint8(i)
		}
	}
	s.e[w] = cacheEntry{tag: tag, prot: prot, frame: as.phys.Frame(pa)}
	s.mru = w
}
