package arm64

// ASIDs allocates the 8-bit address space identifiers TTBR0_EL1 tags TLB
// entries with (D8.14), for one CPU, by generation as Linux's
// arch/arm64/mm/context.c does: IDs are handed out in order and never
// reused within a generation, so an address space that dies needs no TLB
// maintenance; when they run out, the whole TLB is flushed and a new
// generation starts, in which every address space gets a new ID when it
// next runs. ID 0 belongs to the boot tables, whose entries are global.
type ASIDs struct {
	// FlushAll runs at a generation change. It must leave no non-global
	// TLB entry behind and keep none from being refilled under an old
	// ID: on bare metal, TTBR0_EL1 to the boot tables, then TLBI
	// VMALLE1IS. nil on the host.
	FlushAll func()

	gen  uint64
	next int
}

// ASID is one address space's tag; the zero value has none yet.
type ASID struct {
	gen uint64
	id  uint16
}

// asidCount is the number of 8-bit ASIDs (TCR_EL1.AS = 0).
const asidCount = 256

// Assign returns a's ID in the current generation, giving it a new one
// (and starting a new generation when none is left) if it has none.
func (s *ASIDs) Assign(a *ASID) uint16 {
	if s.gen == 0 {
		s.gen, s.next = 1, 1
	}
	if a.gen == s.gen {
		return a.id
	}
	if s.next == asidCount {
		s.gen++
		s.next = 1
		if s.FlushAll != nil {
			s.FlushAll()
		}
	}
	a.gen, a.id = s.gen, uint16(s.next)
	s.next++
	return a.id
}

// Live returns a's ID and whether the TLB may hold entries tagged with it
// for a: only then does a changed mapping need invalidating.
func (s *ASIDs) Live(a *ASID) (uint16, bool) {
	return a.id, a.gen != 0 && a.gen == s.gen
}
