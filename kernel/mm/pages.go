package mm

// The software page record: as.pages (record.go) says which frame backs
// a virtual page, whatever the hardware table says. The hardware mirrors it with
// the VMA's protection; a PROT_NONE page keeps its frame but is absent
// from hardware, as a Linux PROT_NONE PTE keeps its page.

// hwMap mirrors one present page to the hardware table with prot. x86
// pages are always readable, so write-only and exec-only mappings read
// too, as on Linux.
func (as *AddressSpace) hwMap(va, pa uint64, prot Prot) error {
	if prot&protAccess == 0 {
		as.pt.Unmap(va)
		return nil
	}
	return as.pt.Map(va, pa, prot&ProtWrite != 0, prot&ProtExec != 0)
}

// populate returns the frame behind the page at va, allocating a zeroed
// one and mapping it with prot if the page was never touched. ok is false
// when the pool or the table is out of frames.
func (as *AddressSpace) populate(va uint64, prot Prot) (pa uint64, ok bool) {
	if pa, ok := as.pages.get(va >> pageShift); ok {
		return pa, true
	}
	return as.fill(va, prot)
}

// fill is populate for a page the caller knows was never touched
// (do_anonymous_page): a zeroed frame, mapped with prot and recorded.
func (as *AddressSpace) fill(va uint64, prot Prot) (pa uint64, ok bool) {
	// Frames.Alloc hands out zeroed frames, so no clear here.
	pa, ok = as.frames.Alloc()
	if !ok {
		return 0, false
	}
	if err := as.hwMap(va, pa, prot); err != nil {
		as.frames.Free(pa)
		return 0, false
	}
	as.pages.set(va>>pageShift, pa)
	return pa, true
}

// eachPresent calls fn for every present page in [start, end), in
// address order, stopping at its first error. Absent stretches of the
// record are skipped whole, so a huge munmap of a sparse mapping stays
// cheap.
func (as *AddressSpace) eachPresent(start, end uint64,
	fn func(vpn, pa uint64) error) error {
	return as.pages.each(start>>pageShift, end>>pageShift, fn)
}

// dropPages unmaps and frees every present page in [start, end)
// (zap_page_range).
func (as *AddressSpace) dropPages(start, end uint64) {
	as.eachPresent(start, end, func(vpn, pa uint64) error {
		as.pt.Unmap(vpn << pageShift)
		as.frames.Free(pa)
		as.pages.del(vpn)
		as.last.forget(vpn)
		return nil
	})
}

// reprotect gives the present pages of [start, end) the protection prot
// in hardware (change_protection).
func (as *AddressSpace) reprotect(start, end uint64, prot Prot) error {
	return as.eachPresent(start, end, func(vpn, pa uint64) error {
		return as.hwMap(vpn<<pageShift, pa, prot)
	})
}

// unmapRange removes [start, end) from the address space: VMAs are cut,
// frames freed (do_vmi_munmap). Both ends are page aligned.
func (as *AddressSpace) unmapRange(start, end uint64) {
	as.removeVMAs(start, end)
	as.dropPages(start, end)
}
