package loader

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/stretchr/testify/require"
)

// memory is fake physical memory: frames appear on allocation.
type memory struct {
	frames map[uint64][]byte
	next   uint64
}

func (m *memory) Frame(pa uint64) []byte { return m.frames[pa] }

func (m *memory) Alloc() (uint64, bool) {
	m.next += abi.PageSize
	m.frames[m.next] = make([]byte, abi.PageSize)
	return m.next, true
}

func (m *memory) Free(pa uint64) { delete(m.frames, pa) }

// hardware is a page table that accepts everything.
type hardware struct{}

func (hardware) Map(va, pa uint64, write, exec bool) error { return nil }
func (hardware) Unmap(va uint64) (uint64, bool)            { return 0, false }
func (hardware) Root() uint64                              { return 0 }
func (hardware) Release()                                  {}

const (
	testUserEnd  = 0x7ffffffff000
	testStackTop = 0x7ffffffff000
	testDynBase  = 0x555555554000
)

func newAS() (*mm.AddressSpace, *memory) {
	mem := &memory{frames: map[uint64][]byte{}, next: 0x20000000}
	l := mm.Layout{
		UserEnd:  testUserEnd,
		MmapBase: 0x7ffff7fff000,
		Reserved: []mm.Range{
			{Start: 0, End: 0x200000},
			{Start: 0x10000000, End: 0x40000000},
		},
	}
	return mm.NewAddressSpace(hardware{}, mem, mem, l), mem
}

// amd64Args are the arguments ringside passes on amd64.
func amd64Args() Args {
	var rnd [16]byte
	for i := range rnd {
		rnd[i] = byte(0xa0 + i)
	}
	return Args{
		Argv:            []string{"/bin/prog", "-v", "arg two"},
		Envp:            []string{"HOME=/", "TERM=dumb"},
		ExecFn:          "/bin/prog",
		Platform:        "x86_64",
		HWCap:           0x178bfbff,
		Random:          rnd,
		StackTop:        testStackTop,
		DynBase:         testDynBase,
		Machine:         elf.EM_X86_64,
		MinSigStk:       2048,
		RseqFeatureSize: 32,
		RseqAlign:       32,
	}
}

// readMem reads n bytes of user memory or fails the test.
func readMem(t *testing.T, as *mm.AddressSpace, addr uint64, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	require.NoError(t, as.CopyIn(addr, b), "read %#x+%d", addr, n)
	return b
}

func readWord(t *testing.T, as *mm.AddressSpace, addr uint64) uint64 {
	t.Helper()
	return binary.LittleEndian.Uint64(readMem(t, as, addr, 8))
}

func readString(t *testing.T, as *mm.AddressSpace, addr uint64) string {
	t.Helper()
	s, err := as.CopyInString(addr, 4096)
	require.NoError(t, err, "string at %#x", addr)
	return s
}

// initialStack is the stack as a program's _start sees it.
type initialStack struct {
	argc       uint64
	argv, envp []string
	argvPtrs   []uint64
	envpPtrs   []uint64
	auxTags    []uint64
	aux        map[uint64]uint64
	auxvAddr   uint64
}

// parseStack walks the initial stack from sp as a libc's start code does.
func parseStack(t *testing.T, as *mm.AddressSpace, sp uint64) initialStack {
	t.Helper()
	s := initialStack{aux: map[uint64]uint64{}}
	s.argc = readWord(t, as, sp)
	p := sp + 8
	for ; ; p += 8 {
		ptr := readWord(t, as, p)
		if ptr == 0 {
			break
		}
		s.argvPtrs = append(s.argvPtrs, ptr)
		s.argv = append(s.argv, readString(t, as, ptr))
	}
	for p += 8; ; p += 8 {
		ptr := readWord(t, as, p)
		if ptr == 0 {
			break
		}
		s.envpPtrs = append(s.envpPtrs, ptr)
		s.envp = append(s.envp, readString(t, as, ptr))
	}
	s.auxvAddr = p + 8
	for p += 8; ; p += 16 {
		tag, val := readWord(t, as, p), readWord(t, as, p+8)
		s.auxTags = append(s.auxTags, tag)
		s.aux[tag] = val
		if tag == abi.AT_NULL {
			break
		}
	}
	return s
}

// vmaAt returns the VMA holding addr.
func vmaAt(as *mm.AddressSpace, addr uint64) (mm.VMA, bool) {
	for _, v := range as.VMAs() {
		if v.Start <= addr && addr < v.End {
			return v, true
		}
	}
	return mm.VMA{}, false
}

// progProt is the protection a PT_LOAD's flags ask for.
func progProt(f elf.ProgFlag) mm.Prot { return segmentProt(f) }

// checkImage holds every PT_LOAD of file against memory: its file bytes
// at p_vaddr+bias, zeros up to p_memsz and to the end of the page, the
// VMA's protection.
func checkImage(t *testing.T, as *mm.AddressSpace, file []byte,
	bias uint64) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(file))
	require.NoError(t, err)
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Memsz == 0 {
			continue
		}
		va := p.Vaddr + bias
		require.Equal(t, file[p.Off:p.Off+p.Filesz],
			readMem(t, as, va, int(p.Filesz)), "segment at %#x", va)
		end := va + p.Filesz
		zeros := pageUp(va+p.Memsz) - end
		require.Equal(t, make([]byte, zeros),
			readMem(t, as, end, int(zeros)), "bss at %#x", end)
		v, ok := vmaAt(as, va)
		require.True(t, ok)
		require.Equal(t, progProt(p.Flags), v.Prot, "prot at %#x", va)
	}
}
