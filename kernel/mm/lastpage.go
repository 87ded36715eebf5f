package mm

// lastPage is a one-entry software TLB for the kernel's copies: the page
// the latest CopyIn or CopyOut went through, its frame and its VMA's
// protection. Syscalls copy small structures to the same few pages again
// and again (the stack, the rseq area), and the cache saves them the VMA
// search and the page-map lookup. Whatever removes a page, a VMA or
// changes a protection clears it.
type lastPage struct {
	valid bool
	vpn   uint64
	pa    uint64
	prot  Prot
}

// cached returns the frame of addr's page when the cache holds it with
// the protection need.
func (as *AddressSpace) cached(addr uint64, need Prot) (uint64, bool) {
	l := &as.last
	if l.valid && l.vpn == addr>>pageShift && l.prot&need == need {
		return l.pa, true
	}
	return 0, false
}

// remember caches addr's page, present at frame pa in a VMA with prot.
func (as *AddressSpace) remember(addr, pa uint64, prot Prot) {
	as.last = lastPage{valid: true, vpn: addr >> pageShift, pa: pa,
		prot: prot}
}
