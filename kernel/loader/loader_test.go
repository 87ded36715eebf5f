package loader

import (
	"bytes"
	"debug/elf"
	"errors"
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadMapsSegments(t *testing.T) {
	tests := []struct {
		name     string
		typ      elf.Type
		base     uint64
		wantBias uint64
	}{
		{"loads a static executable where it says", elf.ET_EXEC,
			textVA, 0},
		{"loads a static PIE at the dyn base", elf.ET_DYN, 0,
			testDynBase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, _ := newAS()
			file := staticSpec(tt.typ, tt.base).build()

			res, err := Load(as, bytes.NewReader(file), amd64Args())

			require.NoError(t, err)
			at := func(va uint64) uint64 { return tt.wantBias + va - textVA + tt.base }
			assert.Equal(t, tt.wantBias, res.LoadBias)
			assert.Equal(t, at(textVA+entryOff), res.Entry)
			assert.Equal(t, at(0x406000), res.BrkBase)
			assert.Equal(t, at(textVA+64), res.Phdr)
			assert.Equal(t, uint64(56), res.Phent)
			assert.Equal(t, uint64(4), res.Phnum)
			assert.Equal(t, []mm.VMA{
				{Range: mm.Range{Start: at(textVA), End: at(0x402000)},
					Prot: mm.ProtRead | mm.ProtExec, Name: "/bin/prog"},
				{Range: mm.Range{Start: at(0x402000), End: at(0x406000)},
					Prot: mm.ProtRead | mm.ProtWrite, Name: "/bin/prog"},
				{Range: mm.Range{Start: testStackTop - DefaultStackSize,
					End: testStackTop},
					Prot: mm.ProtRead | mm.ProtWrite, Name: "[stack]"},
			}, as.VMAs())

			checkImage(t, as, file, res.LoadBias)
			assert.Equal(t, exitCode, readMem(t, as, res.Entry, 12))
			assert.Equal(t, file[0x2000:dataOff],
				readMem(t, as, at(0x402000), dataOff-0x2000),
				"page head comes from the file, as mmap maps it")
			assert.Equal(t, file[64:64+4*56],
				readMem(t, as, res.Phdr, 4*56), "AT_PHDR")
			assert.Equal(t, res.BrkBase, as.Brk(0))
		})
	}
}

func TestLoadTouchesOnlyWhatItWrites(t *testing.T) {
	as, _ := newAS()

	_, err := Load(as, bytes.NewReader(staticSpec(elf.ET_EXEC,
		textVA).build()), amd64Args())

	require.NoError(t, err)
	// 2 text pages, 1 data page; bss and the stack's 8 MiB stay demand
	// paged except the top stack page.
	assert.Equal(t, 4, as.ResidentPages())
}

func TestLoadFindsPhdrWithoutPTPHDR(t *testing.T) {
	as, _ := newAS()
	spec := staticSpec(elf.ET_EXEC, textVA)
	spec.progs[0] = phdr(elf.PT_NOTE, elf.PF_R, 0, 0, 0, 0)

	res, err := Load(as, bytes.NewReader(spec.build()), amd64Args())

	require.NoError(t, err)
	assert.Equal(t, uint64(textVA+64), res.Phdr)
}

func TestLoadAlignsThePIEBiasToPAlign(t *testing.T) {
	as, _ := newAS()
	spec := staticSpec(elf.ET_DYN, 0)
	spec.progs[1].Align = 0x200000

	res, err := Load(as, bytes.NewReader(spec.build()), amd64Args())

	require.NoError(t, err)
	assert.Equal(t, uint64(0x555555400000), res.LoadBias)
}

func TestLoadHonoursAnExecutableGNUStack(t *testing.T) {
	tests := []struct {
		name  string
		flags elf.ProgFlag
		typ   elf.ProgType
		want  mm.Prot
	}{
		{"keeps the stack non-executable by default", elf.PF_R,
			elf.PT_NOTE, mm.ProtRead | mm.ProtWrite},
		{"keeps a PT_GNU_STACK RW stack non-executable",
			elf.PF_R | elf.PF_W, elf.PT_GNU_STACK,
			mm.ProtRead | mm.ProtWrite},
		{"makes the stack executable for PF_X",
			elf.PF_R | elf.PF_W | elf.PF_X, elf.PT_GNU_STACK,
			mm.ProtRead | mm.ProtWrite | mm.ProtExec},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, _ := newAS()
			spec := staticSpec(elf.ET_EXEC, textVA)
			spec.progs[3] = phdr(tt.typ, tt.flags, 0, 0, 0, 0)

			res, err := Load(as, bytes.NewReader(spec.build()), amd64Args())

			require.NoError(t, err)
			v, ok := vmaAt(as, res.SP)
			require.True(t, ok)
			assert.Equal(t, tt.want, v.Prot)
		})
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *elfSpec)
		file   []byte
		args   func(a *Args)
		want   abi.Errno
	}{
		{name: "a file that is not ELF",
			file: []byte("#!/bin/sh\necho hi\n"), want: abi.ENOEXEC},
		{name: "another machine",
			mutate: func(s *elfSpec) { s.machine = elf.EM_AARCH64 },
			want:   abi.ENOEXEC},
		{name: "an x86-64 file when aarch64 is expected",
			args: func(a *Args) { a.Machine = elf.EM_AARCH64 },
			want: abi.ENOEXEC},
		{name: "a relocatable object",
			mutate: func(s *elfSpec) { s.typ = elf.ET_REL },
			want:   abi.ENOEXEC},
		{name: "a dynamically linked program",
			mutate: func(s *elfSpec) {
				s.progs[0] = phdr(elf.PT_INTERP, elf.PF_R, 0x1100, 0,
					28, 28)
				s.blobs[0x1100] = []byte("/lib64/ld-linux-x86-64.so.2\x00")
			},
			want: abi.ENOEXEC},
		{name: "no PT_LOAD",
			mutate: func(s *elfSpec) {
				s.progs[1].Type = uint32(elf.PT_NOTE)
				s.progs[2].Type = uint32(elf.PT_NOTE)
			},
			want: abi.ENOEXEC},
		{name: "a foreign program header size",
			mutate: func(s *elfSpec) { s.phentsize = 64 },
			want:   abi.ENOEXEC},
		{name: "more program headers than fit a page",
			mutate: func(s *elfSpec) {
				for len(s.progs) < 74 {
					s.progs = append(s.progs,
						phdr(elf.PT_NOTE, 0, 0, 0, 0, 0))
				}
				s.size = 0x3000
				s.blobs[entryOff] = nil
			},
			want: abi.ENOEXEC},
		{name: "a segment bigger in the file than in memory",
			mutate: func(s *elfSpec) { s.progs[2].Filesz = 0x4000 },
			want:   abi.EINVAL},
		{name: "a segment whose offset and address disagree",
			mutate: func(s *elfSpec) { s.progs[2].Off = 0x2018 },
			want:   abi.EINVAL},
		{name: "segments sharing a page",
			mutate: func(s *elfSpec) {
				s.progs[2].Vaddr = 0x401010
			},
			want: abi.EINVAL},
		{name: "a segment beyond user space",
			mutate: func(s *elfSpec) {
				s.progs[2].Vaddr = testUserEnd - 0xff0
			},
			want: abi.EINVAL},
		{name: "a segment over kernel memory",
			mutate: func(s *elfSpec) {
				s.progs[2].Vaddr = 0x10000010
			},
			want: abi.ENOMEM},
		{name: "a file shorter than its segments",
			mutate: func(s *elfSpec) { s.size = 0x2018 },
			want:   abi.ENOEXEC},
		{name: "an entry point outside user space",
			mutate: func(s *elfSpec) { s.entry = 1 << 63 },
			want:   abi.EINVAL},
		{name: "arguments larger than a quarter of the stack",
			args: func(a *Args) {
				big := string(bytes.Repeat([]byte{'x'}, 100<<10))
				for range 21 {
					a.Envp = append(a.Envp, big)
				}
			},
			want: abi.E2BIG},
		{name: "a string longer than MAX_ARG_STRLEN",
			args: func(a *Args) {
				a.Argv = append(a.Argv, string(make([]byte, 32<<12)))
			},
			want: abi.E2BIG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == nil {
				spec := staticSpec(elf.ET_EXEC, textVA)
				if tt.mutate != nil {
					tt.mutate(&spec)
				}
				file = spec.build()
			}
			args := amd64Args()
			if tt.args != nil {
				tt.args(&args)
			}
			as, _ := newAS()

			_, err := Load(as, bytes.NewReader(file), args)

			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "got %v", err)
			var le *Error
			assert.True(t, errors.As(err, &le))
		})
	}
}
