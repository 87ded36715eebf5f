package loader

import (
	"bytes"
	"debug/elf"
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// amd64AuxOrder is the order create_elf_tables writes on x86-64 without a
// vDSO.
var amd64AuxOrder = []uint64{
	abi.AT_MINSIGSTKSZ, abi.AT_HWCAP, abi.AT_PAGESZ, abi.AT_CLKTCK,
	abi.AT_PHDR, abi.AT_PHENT, abi.AT_PHNUM, abi.AT_BASE, abi.AT_FLAGS,
	abi.AT_ENTRY, abi.AT_UID, abi.AT_EUID, abi.AT_GID, abi.AT_EGID,
	abi.AT_SECURE, abi.AT_RANDOM, abi.AT_HWCAP2, abi.AT_EXECFN,
	abi.AT_PLATFORM, abi.AT_RSEQ_FEATURE_SIZE, abi.AT_RSEQ_ALIGN,
	abi.AT_NULL,
}

func TestInitialStack(t *testing.T) {
	tests := []struct {
		name     string
		args     func(a *Args)
		wantArgv []string
	}{
		{name: "lays out arguments and environment",
			wantArgv: []string{"/bin/prog", "-v", "arg two"}},
		{name: "gives an empty argv an empty argv[0]",
			args:     func(a *Args) { a.Argv = nil },
			wantArgv: []string{""}},
		{name: "handles an empty environment",
			args:     func(a *Args) { a.Envp = nil },
			wantArgv: []string{"/bin/prog", "-v", "arg two"}},
		{name: "handles odd string lengths",
			args: func(a *Args) {
				a.Argv = []string{"a", "bcd", "efghijk", ""}
				a.ExecFn = "./x"
			},
			wantArgv: []string{"a", "bcd", "efghijk", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, _ := newAS()
			args := amd64Args()
			if tt.args != nil {
				tt.args(&args)
			}

			res, err := Load(as, bytes.NewReader(staticSpec(elf.ET_EXEC,
				textVA).build()), args)
			require.NoError(t, err)
			st := parseStack(t, as, res.SP)

			// What _start reads.
			assert.Zero(t, res.SP%16, "sp 16-byte aligned")
			assert.Equal(t, uint64(len(tt.wantArgv)), st.argc)
			assert.Equal(t, tt.wantArgv, st.argv)
			assert.Equal(t, args.Envp, append([]string(nil), st.envp...))
			assert.Equal(t, amd64AuxOrder, st.auxTags)
			assert.NotContains(t, st.aux, uint64(abi.AT_SYSINFO_EHDR))
			assert.Equal(t, map[uint64]uint64{
				abi.AT_MINSIGSTKSZ: 2048, abi.AT_HWCAP: args.HWCap,
				abi.AT_PAGESZ: 4096, abi.AT_CLKTCK: 100,
				abi.AT_PHDR: textVA + 64, abi.AT_PHENT: 56,
				abi.AT_PHNUM: 4, abi.AT_BASE: 0, abi.AT_FLAGS: 0,
				abi.AT_ENTRY: textVA + entryOff, abi.AT_UID: 0,
				abi.AT_EUID: 0, abi.AT_GID: 0, abi.AT_EGID: 0,
				abi.AT_SECURE: 0, abi.AT_RANDOM: res.Random,
				abi.AT_HWCAP2: 0, abi.AT_EXECFN: res.ExecFn,
				abi.AT_PLATFORM:          res.Platform,
				abi.AT_RSEQ_FEATURE_SIZE: 32, abi.AT_RSEQ_ALIGN: 32,
				abi.AT_NULL: 0,
			}, st.aux)
			assert.Equal(t, args.Random[:], readMem(t, as, res.Random, 16))
			assert.Equal(t, "x86_64", readString(t, as, res.Platform))
			assert.Equal(t, args.ExecFn, readString(t, as, res.ExecFn))
			assert.Equal(t, res.Auxv, auxWords(t, as, st.auxvAddr,
				len(res.Auxv)))

			// Where Linux puts the strings, top down.
			top := uint64(testStackTop)
			assert.Equal(t, make([]byte, 8), readMem(t, as, top-8, 8))
			assert.Equal(t, top-8, res.ExecFn+uint64(len(args.ExecFn)+1))
			assert.Equal(t, res.ExecFn, res.EnvEnd)
			assert.Equal(t, contiguous(res.EnvStart, args.Envp), st.envpPtrs)
			assert.Equal(t, res.EnvStart, res.ArgEnd)
			assert.Equal(t, contiguous(res.ArgStart, tt.wantArgv),
				st.argvPtrs)
			assert.Equal(t, res.ArgStart&^15,
				res.Platform+uint64(len("x86_64")+1))
			assert.Equal(t, res.Platform, res.Random+16)
			auxEnd := st.auxvAddr + uint64(len(res.Auxv))*8
			assert.LessOrEqual(t, auxEnd, res.Random)
			assert.Less(t, res.Random-auxEnd, uint64(16),
				"only STACK_ROUND padding below AT_RANDOM")
		})
	}
}

func TestInitialStackWithoutPlatform(t *testing.T) {
	as, _ := newAS()
	args := amd64Args()
	args.Platform = ""

	res, err := Load(as, bytes.NewReader(staticSpec(elf.ET_EXEC,
		textVA).build()), args)

	require.NoError(t, err)
	st := parseStack(t, as, res.SP)
	assert.NotContains(t, st.aux, uint64(abi.AT_PLATFORM))
	assert.Zero(t, res.Platform)
	assert.Equal(t, res.ArgStart&^15, res.Random+16)
}

func TestInitialStackUsesArchParameters(t *testing.T) {
	as, _ := newAS()
	args := amd64Args()
	args.MinSigStk, args.HWCap2 = 5120, 0x2
	args.RseqFeatureSize, args.RseqAlign = 28, 32
	args.StackTop, args.StackSize = 0x7f0000000000, 1<<20

	res, err := Load(as, bytes.NewReader(staticSpec(elf.ET_EXEC,
		textVA).build()), args)

	require.NoError(t, err)
	st := parseStack(t, as, res.SP)
	assert.Equal(t, uint64(5120), st.aux[abi.AT_MINSIGSTKSZ])
	assert.Equal(t, uint64(2), st.aux[abi.AT_HWCAP2])
	assert.Equal(t, uint64(28), st.aux[abi.AT_RSEQ_FEATURE_SIZE])
	assert.Equal(t, uint64(0x7f0000000000-1<<20), res.StackStart)
	v, ok := vmaAt(as, res.SP)
	require.True(t, ok)
	assert.Equal(t, uint64(0x7f0000000000), v.End)
}

// contiguous is where strings packed from addr start.
func contiguous(addr uint64, list []string) []uint64 {
	var out []uint64
	for _, s := range list {
		out = append(out, addr)
		addr += uint64(len(s) + 1)
	}
	return out
}

func auxWords(t *testing.T, as *mm.AddressSpace, addr uint64,
	n int) []uint64 {
	t.Helper()
	out := make([]uint64, n)
	for i := range out {
		out[i] = readWord(t, as, addr+uint64(i)*8)
	}
	return out
}

func TestAuxvStartsWithTheVDSO(t *testing.T) {
	as, _ := newAS()
	args := amd64Args()
	args.SysinfoEhdr = 0x7ffff7fff000

	res, err := Load(as, bytes.NewReader(staticSpec(elf.ET_EXEC,
		textVA).build()), args)
	require.NoError(t, err)
	st := parseStack(t, as, res.SP)

	assert.Equal(t, append([]uint64{abi.AT_SYSINFO_EHDR}, amd64AuxOrder...),
		st.auxTags, "first, as ARCH_DLINFO puts it")
	assert.Equal(t, args.SysinfoEhdr, st.aux[abi.AT_SYSINFO_EHDR])
}
