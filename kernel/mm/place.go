package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// mmapMinAddr is the lowest address placement picks on its own
// (vm.mmap_min_addr's default); MAP_FIXED may go lower, as root may.
const mmapMinAddr = 0x10000

// place chooses where a new mapping of size bytes (page aligned, non-zero)
// goes (get_unmapped_area). A fixed address is taken as is, after the
// checks Linux makes: size beyond UserEnd or addr too high → ENOMEM,
// addr not page aligned → EINVAL; ringside adds a reserved range →
// ENOMEM. A hint, page rounded up, is honoured when the range is free;
// otherwise the search goes top-down from MmapBase, then bottom-up from
// it (arch_get_unmapped_area_topdown's fallback). No room → ENOMEM.
func (as *AddressSpace) place(addr, size uint64,
	fixed bool) (uint64, abi.Errno) {
	userEnd := as.layout.UserEnd
	if size > userEnd {
		return 0, abi.ENOMEM
	}

	if fixed {
		if addr > userEnd-size {
			return 0, abi.ENOMEM
		}
		if addr&pageMask != 0 {
			return 0, abi.EINVAL
		}
		if as.reserved(addr, addr+size) {
			return 0, abi.ENOMEM
		}
		return addr, 0
	}

	if hint, ok := pageUp(addr); addr != 0 && ok &&
		hint >= mmapMinAddr && hint <= userEnd-size &&
		as.isFree(hint, hint+size) {
		return hint, 0
	}
	if a, ok := as.topDown(size); ok {
		return a, 0
	}
	if a, ok := as.bottomUp(size); ok {
		return a, 0
	}
	return 0, abi.ENOMEM
}

// topDown finds the highest free range of size bytes ending at or below
// MmapBase.
func (as *AddressSpace) topDown(size uint64) (uint64, bool) {
	end := as.mmapBase()
	for end >= mmapMinAddr+size {
		start := end - size
		low, blocked := as.lowestObstacle(start, end)
		if !blocked {
			return start, true
		}
		end = pageDown(low)
	}
	return 0, false
}

// bottomUp finds the lowest free range of size bytes at or above
// MmapBase.
func (as *AddressSpace) bottomUp(size uint64) (uint64, bool) {
	start := max(as.mmapBase(), mmapMinAddr)
	for start <= as.layout.UserEnd-size {
		high, blocked := as.highestObstacle(start, start+size)
		if !blocked {
			return start, true
		}
		next, ok := pageUp(high)
		if !ok || next <= start {
			return 0, false
		}
		start = next
	}
	return 0, false
}

// lowestObstacle returns the lowest start of the VMAs and reserved
// ranges overlapping [start, end).
func (as *AddressSpace) lowestObstacle(start, end uint64) (uint64, bool) {
	low, found := uint64(0), false
	if i := as.lowerBound(start); i < len(as.vmas) &&
		as.vmas[i].Start < end {
		low, found = as.vmas[i].Start, true
	}
	for _, r := range as.layout.Reserved {
		if r.overlaps(start, end) && (!found || r.Start < low) {
			low, found = r.Start, true
		}
	}
	return low, found
}

// highestObstacle returns the highest end of the VMAs and reserved ranges
// overlapping [start, end).
func (as *AddressSpace) highestObstacle(start, end uint64) (uint64, bool) {
	high, found := uint64(0), false
	for i := as.lowerBound(start); i < len(as.vmas) &&
		as.vmas[i].Start < end; i++ {
		high, found = as.vmas[i].End, true
	}
	for _, r := range as.layout.Reserved {
		if r.overlaps(start, end) && r.End > high {
			high, found = r.End, true
		}
	}
	return high, found
}
