package loader

import (
	"debug/elf"
	"encoding/binary"
	"io"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// phentSize is sizeof(Elf64_Phdr), the only e_phentsize accepted.
const phentSize = 56

// image is what the loader needs from the ELF file.
type image struct {
	r         io.ReaderAt
	typ       elf.Type
	entry     uint64
	phoff     uint64
	phentsize uint16
	progs     []elf.ProgHeader
	loads     []elf.ProgHeader
	// execStack is PT_GNU_STACK's PF_X. Without PT_GNU_STACK the stack
	// is not executable: 64-bit x86 and arm64 do not imply exec.
	execStack bool
}

// parse reads and checks the headers, in load_elf_binary's order: ELF
// magic and class, type, machine, program header size and count, then
// the program headers themselves.
func parse(r io.ReaderAt, machine elf.Machine) (*image, error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return nil, fail(abi.ENOEXEC, "not an ELF file: "+err.Error())
	}
	if f.Class != elf.ELFCLASS64 || f.Data != elf.ELFDATA2LSB {
		return nil, fail(abi.ENOEXEC, "not a 64-bit little-endian ELF")
	}
	if f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
		return nil, fail(abi.ENOEXEC, "ELF type "+f.Type.String())
	}
	if f.Machine != machine {
		return nil, fail(abi.ENOEXEC, "ELF machine "+f.Machine.String()+
			", want "+machine.String())
	}

	// debug/elf keeps e_phoff and e_phentsize to itself.
	var hdr elf.Header64
	err = binary.Read(io.NewSectionReader(r, 0, int64(binary.Size(hdr))),
		binary.LittleEndian, &hdr)
	if err != nil {
		return nil, fail(abi.ENOEXEC, "short ELF header")
	}
	if size := int(hdr.Phnum) * phentSize; hdr.Phentsize != phentSize ||
		size == 0 || size > abi.PageSize {
		return nil, fail(abi.ENOEXEC, "bad program header table")
	}

	img := &image{r: r, typ: f.Type, entry: f.Entry, phoff: hdr.Phoff,
		phentsize: hdr.Phentsize}
	for _, p := range f.Progs {
		img.progs = append(img.progs, p.ProgHeader)
		switch p.Type {
		case elf.PT_INTERP:
			return nil, fail(abi.ENOEXEC,
				"PT_INTERP: dynamically linked programs are not supported")
		case elf.PT_GNU_STACK:
			img.execStack = p.Flags&elf.PF_X != 0
		case elf.PT_LOAD:
			img.loads = append(img.loads, p.ProgHeader)
		}
	}
	if len(img.loads) == 0 {
		return nil, fail(abi.ENOEXEC, "no PT_LOAD segment")
	}
	return img, nil
}

// loadBias is what is added to the file's addresses. ET_EXEC loads where
// it says. A static PIE goes at dynBase, lowered to the largest
// power-of-two p_align above a page, minus its first segment's page
// (Linux computes this for a PIE with an interpreter; it lets a static
// PIE land in the mmap area, ringside keeps it at a fixed place).
func (img *image) loadBias(dynBase uint64) uint64 {
	if img.typ != elf.ET_DYN {
		return 0
	}
	var align uint64
	for _, p := range img.loads {
		if p.Align&(p.Align-1) == 0 {
			align = max(align, p.Align)
		}
	}
	if align > abi.PageSize {
		dynBase &^= align - 1
	}
	return pageDown(dynBase - img.loads[0].Vaddr)
}

// phdrAddr is where the program headers are in memory, before the bias:
// PT_PHDR's address if present, else the address of e_phoff inside the
// PT_LOAD whose file bytes hold it (Linux's rule), else zero.
func (img *image) phdrAddr() uint64 {
	for _, p := range img.progs {
		if p.Type == elf.PT_PHDR {
			return p.Vaddr
		}
	}
	for _, p := range img.loads {
		if p.Off <= img.phoff && img.phoff < p.Off+p.Filesz {
			return p.Vaddr + img.phoff - p.Off
		}
	}
	return 0
}

const pageMask = abi.PageSize - 1

func pageDown(a uint64) uint64 { return a &^ pageMask }

func pageUp(a uint64) uint64 { return (a + pageMask) &^ pageMask }
