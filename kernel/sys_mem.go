package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// Memory syscalls: thin shells over the task's address space, which
// holds the Linux checks (package mm). The shells add what belongs to the
// syscall layer: the file-descriptor side of mmap and madvise's advice.

// sysBrk is brk(2): it returns the new break, or the old one on failure.
func sysBrk(t *Task) (int64, abi.Errno) {
	a := t.args()
	return int64(t.MM.Brk(a[0])), 0
}

// sysMmap is mmap(2) (ksys_mmap_pgoff): an offset that is not page
// aligned is EINVAL; a file mapping needs an open descriptor (EBADF), and
// the only file, the console, cannot be mapped (ENODEV, as a tty has no
// mmap operation). Anonymous mappings go to mm, which ignores fd.
func sysMmap(t *Task) (int64, abi.Errno) {
	a := t.args()
	addr, length, prot, flags := a[0], a[1], a[2], a[3]
	fd, off := int(int32(a[4])), a[5]

	if off%abi.PageSize != 0 {
		return 0, abi.EINVAL
	}
	if flags&abi.MAP_ANONYMOUS == 0 {
		if _, e := t.files.get(fd); e != 0 {
			return 0, e
		}
		if length == 0 {
			return 0, abi.EINVAL
		}
		return 0, abi.ENODEV
	}

	r, e := t.MM.Mmap(addr, length, mm.Prot(prot), flags)
	return int64(r), e
}

// sysMunmap is munmap(2).
func sysMunmap(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.MM.Munmap(a[0], a[1])
}

// sysMprotect is mprotect(2).
func sysMprotect(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.MM.Mprotect(a[0], a[1], mm.Prot(a[2]))
}

// vmaAt returns the mapping that contains addr (vma_lookup).
func vmaAt(as *mm.AddressSpace, addr uint64) (mm.VMA, bool) {
	for _, v := range as.VMAs() {
		if v.Start <= addr && addr < v.End {
			return v, true
		}
	}
	return mm.VMA{}, false
}

// pageAlign rounds n up to a page; ok is false when that wraps.
func pageAlign(n uint64) (uint64, bool) {
	r := (n + abi.PageSize - 1) &^ (abi.PageSize - 1)
	return r, r >= n
}
