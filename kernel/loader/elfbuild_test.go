package loader

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
)

// A tiny ELF writer for tests: an ELF header, program headers right
// after it, and byte blobs at chosen file offsets.

type elfSpec struct {
	typ     elf.Type
	machine elf.Machine
	class   elf.Class
	entry   uint64
	progs   []elf.Prog64
	blobs   map[uint64][]byte
	size    int
	// phentsize overrides sizeof(Elf64_Phdr) when non-zero.
	phentsize uint16
}

// exitCode is x86-64 `mov edi, 7; mov eax, 60; syscall`: exit(7).
var exitCode = []byte{
	0xbf, 0x07, 0x00, 0x00, 0x00,
	0xb8, 0x3c, 0x00, 0x00, 0x00,
	0x0f, 0x05,
}

// Layout of staticSpec: text is [0x400000, 0x401080) from file offset 0,
// code at 0x401000; data at 0x402010 (file 0x2010) with 0x20 bytes of
// file and bss up to 0x405010. The file bytes around the data segment
// are 0xee so that the loader's page head and tail handling shows.
const (
	textVA   = 0x400000
	entryOff = 0x1000
	dataVA   = 0x402010
	dataOff  = 0x2010
	dataSize = 0x20
	bssEnd   = 0x405010
)

var dataBytes = []byte("ringside data segment, 32 bytes!")

func phdr(typ elf.ProgType, flags elf.ProgFlag, off, va, filesz,
	memsz uint64) elf.Prog64 {
	return elf.Prog64{Type: uint32(typ), Flags: uint32(flags), Off: off,
		Vaddr: va, Paddr: va, Filesz: filesz, Memsz: memsz,
		Align: 0x1000}
}

// staticSpec is a static executable based at base (0x400000 for ET_EXEC,
// 0 for a static PIE).
func staticSpec(typ elf.Type, base uint64) elfSpec {
	junk := bytes.Repeat([]byte{0xee}, 0x1000)
	return elfSpec{
		typ: typ, machine: elf.EM_X86_64, class: elf.ELFCLASS64,
		entry: base + entryOff,
		progs: []elf.Prog64{
			phdr(elf.PT_PHDR, elf.PF_R, 64, base+64, 4*56, 4*56),
			phdr(elf.PT_LOAD, elf.PF_R|elf.PF_X, 0, base,
				0x1080, 0x1080),
			phdr(elf.PT_LOAD, elf.PF_R|elf.PF_W, dataOff,
				base+dataVA-textVA, dataSize, bssEnd-dataVA),
			phdr(elf.PT_GNU_STACK, elf.PF_R|elf.PF_W, 0, 0, 0, 0),
		},
		blobs: map[uint64][]byte{
			entryOff:           exitCode,
			0x2000:             junk[:dataOff-0x2000],
			dataOff:            dataBytes,
			dataOff + dataSize: junk[:0x3000-dataOff-dataSize],
		},
		size: 0x3000,
	}
}

func (s elfSpec) build() []byte {
	out := make([]byte, s.size)
	phentsize := s.phentsize
	if phentsize == 0 {
		phentsize = 56
	}
	h := elf.Header64{
		Type: uint16(s.typ), Machine: uint16(s.machine),
		Version: uint32(elf.EV_CURRENT), Entry: s.entry,
		Phoff: 64, Ehsize: 64, Phentsize: phentsize,
		Phnum: uint16(len(s.progs)),
	}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS] = byte(s.class)
	h.Ident[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	h.Ident[elf.EI_VERSION] = byte(elf.EV_CURRENT)

	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, h)
	for _, p := range s.progs {
		binary.Write(&b, binary.LittleEndian, p)
	}
	copy(out, b.Bytes())
	for off, blob := range s.blobs {
		if off < uint64(len(out)) {
			copy(out[off:], blob) // cut at size: truncated files
		}
	}
	return out
}
