package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// sysMremap is mremap(2) for anonymous memory (mm/mremap.c). Checks, in
// Linux's order: unknown flags, MREMAP_FIXED or MREMAP_DONTUNMAP without
// MREMAP_MAYMOVE, DONTUNMAP with a size change, old_addr not page
// aligned, new size zero → EINVAL; no mapping at old_addr → EFAULT.
//
// Shrinking unmaps the tail. Growing extends in place when the pages
// above are free, else moves with MREMAP_MAYMOVE (ENOMEM without it). A
// move maps the new range with the old protection, copies the contents
// and unmaps the old range (or, with DONTUNMAP, leaves it mapped and
// empty). Linux moves page-table entries instead of copying, and can move
// mappings ringside cannot read (PROT_NONE, write-only): ENOMEM here.
func sysMremap(t *Task) (int64, abi.Errno) {
	a := t.args()
	old, oldLen, newLen, flags, newAddr := a[0], a[1], a[2], a[3], a[4]
	move := flags&abi.MREMAP_MAYMOVE != 0
	fixed := flags&abi.MREMAP_FIXED != 0
	keep := flags&abi.MREMAP_DONTUNMAP != 0

	switch {
	case flags&^(abi.MREMAP_MAYMOVE|abi.MREMAP_FIXED|
		abi.MREMAP_DONTUNMAP) != 0,
		fixed && !move,
		keep && (!move || oldLen != newLen),
		old%abi.PageSize != 0:
		return 0, abi.EINVAL
	}
	oldLen, ok1 := pageAlign(oldLen)
	newLen, ok2 := pageAlign(newLen)
	if !ok1 || !ok2 || newLen == 0 {
		return 0, abi.EINVAL
	}

	v, ok := vmaAt(t.MM, old)
	if !ok {
		return 0, abi.EFAULT
	}

	if fixed || keep {
		return t.moveMapping(old, oldLen, newLen, v, newAddr, flags)
	}
	if oldLen >= newLen {
		if oldLen > newLen {
			_ = t.MM.Munmap(old+newLen, oldLen-newLen)
		}
		return int64(old), 0
	}
	if old+oldLen > v.End {
		return 0, abi.EFAULT
	}

	_, e := t.MM.Mmap(old+oldLen, newLen-oldLen, v.Prot,
		abi.MAP_PRIVATE|abi.MAP_ANONYMOUS|mm.MapFixedNoReplace)
	if e == 0 {
		return int64(old), 0
	}
	if !move {
		return 0, abi.ENOMEM
	}
	return t.moveMapping(old, oldLen, newLen, v, 0, flags)
}

// moveMapping is mremap's move: a new mapping (at newAddr with
// MREMAP_FIXED) with v's protection, the old contents copied in, the old
// range unmapped or, with MREMAP_DONTUNMAP, emptied.
func (t *Task) moveMapping(old, oldLen, newLen uint64, v mm.VMA,
	newAddr, flags uint64) (int64, abi.Errno) {
	mapFlags := uint64(abi.MAP_PRIVATE | abi.MAP_ANONYMOUS)
	if flags&abi.MREMAP_FIXED != 0 {
		if newAddr%abi.PageSize != 0 ||
			newAddr < old+oldLen && old < newAddr+newLen {
			return 0, abi.EINVAL
		}
		mapFlags |= abi.MAP_FIXED
	}
	if old+oldLen > v.End || v.Prot&mm.ProtRead == 0 {
		return 0, abi.ENOMEM
	}

	dst, e := t.MM.Mmap(newAddr, newLen, v.Prot, mapFlags)
	if e != 0 {
		return 0, e
	}
	buf := make([]byte, abi.PageSize)
	for off := uint64(0); off < min(oldLen, newLen); off += abi.PageSize {
		if t.MM.CopyIn(old+off, buf) != nil {
			_ = t.MM.Munmap(dst, newLen)
			return 0, abi.ENOMEM
		}
		// The new pages read as zero already: copy only data.
		if allZero(buf) {
			continue
		}
		if t.MM.Poke(dst+off, buf) != nil {
			_ = t.MM.Munmap(dst, newLen)
			return 0, abi.ENOMEM
		}
	}

	if flags&abi.MREMAP_DONTUNMAP != 0 {
		t.MM.DiscardMapped(old, old+oldLen)
	} else {
		_ = t.MM.Munmap(old, oldLen)
	}
	return int64(dst), 0
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
