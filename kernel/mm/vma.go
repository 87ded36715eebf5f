package mm

import (
	"slices"
	"sort"
)

// VMA is one mapping of an address space (vm_area_struct): a page-aligned
// range with one protection. Name is what /proc/<pid>/maps would show:
// "[heap]", "[stack]", the image path, or "" for anonymous memory.
type VMA struct {
	Range
	Prot Prot
	Name string
}

// VMAs returns a copy of the mappings, lowest first.
func (as *AddressSpace) VMAs() []VMA {
	as.mu.Lock()
	defer as.mu.Unlock()
	return slices.Clone(as.vmas)
}

// lowerBound is the index of the first VMA that ends above addr.
func (as *AddressSpace) lowerBound(addr uint64) int {
	return sort.Search(len(as.vmas), func(i int) bool {
		return as.vmas[i].End > addr
	})
}

// vmaAt returns the VMA holding addr (find_vma plus the start check).
func (as *AddressSpace) vmaAt(addr uint64) *VMA {
	i := as.lowerBound(addr)
	if i < len(as.vmas) && as.vmas[i].Start <= addr {
		return &as.vmas[i]
	}
	return nil
}

// intersects reports whether any VMA overlaps [start, end)
// (find_vma_intersection).
func (as *AddressSpace) intersects(start, end uint64) bool {
	i := as.lowerBound(start)
	return i < len(as.vmas) && as.vmas[i].Start < end
}

// isFree reports whether [start, end) is user space that neither a VMA nor
// a reserved range occupies.
func (as *AddressSpace) isFree(start, end uint64) bool {
	return start < end && as.userRange(start, end-start) &&
		!as.intersects(start, end)
}

// splitAt cuts the VMA that strictly contains addr in two at addr
// (split_vma).
func (as *AddressSpace) splitAt(addr uint64) {
	i := as.lowerBound(addr)
	if i == len(as.vmas) || as.vmas[i].Start >= addr {
		return
	}
	lo, hi := as.vmas[i], as.vmas[i]
	lo.End, hi.Start = addr, addr
	as.vmas[i] = lo
	as.vmas = slices.Insert(as.vmas, i+1, hi)
}

// insertVMA adds v, which must not overlap any VMA, and merges it with
// equal neighbours (vma_merge).
func (as *AddressSpace) insertVMA(v VMA) {
	i := as.lowerBound(v.Start)
	as.vmas = slices.Insert(as.vmas, i, v)
	as.merge()
}

// removeVMAs drops every part of every VMA inside [start, end); it does not
// touch pages.
func (as *AddressSpace) removeVMAs(start, end uint64) {
	as.splitAt(start)
	as.splitAt(end)
	i := as.lowerBound(start)
	j := i
	for j < len(as.vmas) && as.vmas[j].Start < end {
		j++
	}
	as.vmas = slices.Delete(as.vmas, i, j)
	as.last.reset()
}

// merge coalesces adjacent VMAs with the same protection and name, as
// Linux merges compatible anonymous VMAs.
func (as *AddressSpace) merge() {
	out := as.vmas[:0]
	for _, v := range as.vmas {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.End == v.Start && last.Prot == v.Prot &&
				last.Name == v.Name {
				last.End = v.End
				continue
			}
		}
		out = append(out, v)
	}
	clear(as.vmas[len(out):])
	as.vmas = out
	as.last.reset()
}
