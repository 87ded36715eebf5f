package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// Fork returns a copy of the address space over the empty table pt, for
// a child process (dup_mmap): the same mappings and break, and a private
// copy of every present page, made now. Linux shares the pages
// copy-on-write instead; ringside copies eagerly, which costs a frame
// and a page copy per resident page at fork time but needs no write
// faults afterwards. Running out of frames is ENOMEM, with everything
// the copy took given back.
func (as *AddressSpace) Fork(pt PageTable) (*AddressSpace, error) {
	as.mu.Lock()
	defer as.mu.Unlock()

	c := NewAddressSpace(pt, as.frames, as.phys, as.layout)
	c.vmas = append([]VMA(nil), as.vmas...)
	c.brkBase, c.brk = as.brkBase, as.brk

	for _, v := range as.vmas {
		err := as.eachPresent(v.Start, v.End, func(vpn, pa uint64) error {
			npa, ok := as.frames.Alloc()
			if !ok {
				return abi.ENOMEM
			}
			copy(as.phys.Frame(npa), as.phys.Frame(pa))
			c.pages.set(vpn, npa)
			return c.hwMap(vpn<<pageShift, npa, v.Prot)
		})
		if err != nil {
			c.Release()
			return nil, abi.ENOMEM
		}
	}
	return c, nil
}
