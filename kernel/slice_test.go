package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

func TestRseqSliceYieldIs471OnBothArchitectures(t *testing.T) {
	assert.Equal(t, rseq.NrSliceYield, amd64.Nr(abi.SysRseqSliceYield))
	assert.Equal(t, rseq.NrSliceYield, arm64.Nr(abi.SysRseqSliceYield))
}

func TestPrctlRseqSlice(t *testing.T) {
	const (
		opt    = abi.PR_RSEQ_SLICE_EXTENSION
		get    = abi.PR_RSEQ_SLICE_EXTENSION_GET
		set    = abi.PR_RSEQ_SLICE_EXTENSION_SET
		enable = abi.PR_RSEQ_SLICE_EXT_ENABLE
	)
	tests := []struct {
		name       string
		registered bool
		args       []uint64
		want       int64
		wantOn     bool
	}{
		{"get without rseq is 0", false, []uint64{opt, get, 0, 0, 0}, 0,
			false},
		{"set without rseq is ENXIO", false,
			[]uint64{opt, set, enable, 0, 0}, errno(abi.ENXIO), false},
		{"arg4 set is EINVAL", true, []uint64{opt, set, enable, 1, 0},
			errno(abi.EINVAL), false},
		{"arg5 set is EINVAL", true, []uint64{opt, get, 0, 0, 1},
			errno(abi.EINVAL), false},
		{"get with arg3 is EINVAL", true, []uint64{opt, get, 1, 0, 0},
			errno(abi.EINVAL), false},
		{"set with an unknown bit is EINVAL", true,
			[]uint64{opt, set, 2, 0, 0}, errno(abi.EINVAL), false},
		{"unknown op is EINVAL", true, []uint64{opt, 3, 0, 0, 0},
			errno(abi.EINVAL), false},
		{"set enables", true, []uint64{opt, set, enable, 0, 0}, 0, true},
	}
	for _, arch := range []Arch{AMD64{}, ARM64{}} {
		for _, tt := range tests {
			t.Run(arch.Name()+"/"+tt.name, func(t *testing.T) {
				e := newEnvArch(t, arch)
				if tt.registered {
					require.Zero(t, e.call(abi.SysRseq, dataAddr,
						32, 0, 0x53053053))
				}

				got := e.call(abi.SysPrctl, tt.args...)
				assert.Equal(t, tt.want, got)
				assert.Equal(t, tt.wantOn, e.t.Rseq.SliceEnabled())
			})
		}
	}
}

func TestPrctlRseqSliceReadsBackAndSetsFlags(t *testing.T) {
	e := newEnv(t)
	require.Zero(t, e.call(abi.SysRseq, dataAddr, 32, 0, 0x53053053))
	require.Equal(t, rseq.RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE,
		e.u32(t, dataAddr+rseq.OffFlags))

	require.Zero(t, e.call(abi.SysPrctl, abi.PR_RSEQ_SLICE_EXTENSION,
		abi.PR_RSEQ_SLICE_EXTENSION_SET, abi.PR_RSEQ_SLICE_EXT_ENABLE))

	assert.Equal(t, int64(abi.PR_RSEQ_SLICE_EXT_ENABLE),
		e.call(abi.SysPrctl, abi.PR_RSEQ_SLICE_EXTENSION,
			abi.PR_RSEQ_SLICE_EXTENSION_GET))
	assert.Equal(t, rseq.RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE|
		rseq.RSEQ_CS_FLAG_SLICE_EXT_ENABLED,
		e.u32(t, dataAddr+rseq.OffFlags))
}

func TestRseqSliceYieldWithoutGrantIsZero(t *testing.T) {
	for _, arch := range []Arch{AMD64{}, ARM64{}} {
		t.Run(arch.Name(), func(t *testing.T) {
			e := newEnvArch(t, arch)

			assert.Zero(t, e.call(abi.SysRseqSliceYield))
		})
	}
}

func TestSliceGrantAndYieldThroughTheTask(t *testing.T) {
	for _, arch := range []Arch{AMD64{}, ARM64{}} {
		t.Run(arch.Name(), func(t *testing.T) {
			e := newEnvArch(t, arch)
			m := &timerMachine{e: e, t: t}
			e.k.Machine = m
			on := uint64(rseq.RSEQ_FLAG_SLICE_EXT_DEFAULT_ON)
			require.Zero(t, e.call(abi.SysRseq, dataAddr, 32, on,
				0x53053053))
			e.t.IrqentryExitToUserMode()
			ctrl := uint64(dataAddr + rseq.OffSliceCtrl)
			e.poke(t, ctrl, []byte{1, 0, 0, 0})

			// A tick with the request set: granted, not rescheduled.
			e.t.SetWork(entry.WorkNeedResched)
			e.k.irqentryExit(e.t)
			assert.Equal(t, []byte{0, 1, 0, 0}, e.peek(t, ctrl, 4))

			nr := e.nr(abi.SysRseqSliceYield)
			e.t.Regs.SetSyscallNr(nr)
			e.t.Syscall(nr)

			assert.Equal(t, int64(1), e.t.Regs.Return())
			assert.Equal(t, []byte{0, 0, 0, 0}, e.peek(t, ctrl, 4))
			assert.Equal(t, []string{"arm 5µs", "cancel"}, m.calls,
				"slice timer armed with the grant, cancelled "+
					"by the yield")
		})
	}
}
