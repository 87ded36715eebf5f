package loader

import (
	"debug/elf"
	"errors"
	"io"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// copyChunk bounds the buffer segment bytes pass through.
const copyChunk = 64 << 10

// mapSegments maps every PT_LOAD at its address plus bias with its
// p_flags as protection and copies its file bytes, as elf_map and
// elf_load do: the page holding p_vaddr starts with the file bytes before
// p_offset, and everything past p_filesz, the rest of the last file page
// included, is zero (padzero). It returns the end of the highest segment
// (elf_brk).
func mapSegments(as *mm.AddressSpace, img *image, bias uint64,
	name string) (brk uint64, err error) {
	userEnd := as.Layout().UserEnd
	for _, p := range img.loads {
		if p.Filesz > p.Memsz {
			return 0, fail(abi.EINVAL, "PT_LOAD p_filesz above p_memsz")
		}
		if p.Memsz == 0 {
			continue
		}
		start := p.Vaddr + bias
		end := start + p.Memsz
		if start < bias || end < start || end > userEnd {
			return 0, fail(abi.EINVAL, "PT_LOAD outside user space")
		}
		if (p.Vaddr-p.Off)&pageMask != 0 {
			return 0, fail(abi.EINVAL,
				"PT_LOAD p_offset and p_vaddr differ within a page")
		}

		first := pageDown(start)
		err := as.Map(first, pageUp(end)-first, segmentProt(p.Flags), name)
		var errno abi.Errno
		switch {
		case errors.As(err, &errno) && errno == abi.EEXIST:
			// Linux's MAP_FIXED would let the later one win.
			return 0, fail(abi.EINVAL, "PT_LOAD segments share a page")
		case err != nil:
			return 0, fail(errnoOf(err), "mapping PT_LOAD: "+err.Error())
		}
		if p.Filesz > 0 {
			head := start - first
			err := copyFile(as, img.r, p.Off-head, first, p.Filesz+head)
			if err != nil {
				return 0, err
			}
		}
		brk = max(brk, end)
	}
	return brk, nil
}

// copyFile copies n bytes at file offset off to user address addr.
func copyFile(as *mm.AddressSpace, r io.ReaderAt, off, addr,
	n uint64) error {
	buf := make([]byte, min(n, copyChunk))
	for n > 0 {
		chunk := buf[:min(n, uint64(len(buf)))]
		if got, _ := r.ReadAt(chunk, int64(off)); got < len(chunk) {
			return fail(abi.ENOEXEC, "file shorter than its PT_LOAD")
		}
		if err := as.Poke(addr, chunk); err != nil {
			return fail(errnoOf(err), "copying PT_LOAD: "+err.Error())
		}
		off += uint64(len(chunk))
		addr += uint64(len(chunk))
		n -= uint64(len(chunk))
	}
	return nil
}

// segmentProt turns p_flags into a protection (make_prot).
func segmentProt(f elf.ProgFlag) mm.Prot {
	var p mm.Prot
	if f&elf.PF_R != 0 {
		p |= mm.ProtRead
	}
	if f&elf.PF_W != 0 {
		p |= mm.ProtWrite
	}
	if f&elf.PF_X != 0 {
		p |= mm.ProtExec
	}
	return p
}

// errnoOf is err's errno, or ENOMEM for an error from below that has
// none.
func errnoOf(err error) abi.Errno {
	var errno abi.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return abi.ENOMEM
}
