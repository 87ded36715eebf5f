package entry

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slice_ctrl values as the little-endian u32 user space sees.
const (
	ctrlRequest = 0x001
	ctrlGranted = 0x100
)

// sliceThread is a thread registered with rseq, slice extension enabled
// or not, back from its first exit.
func sliceThread(t *testing.T, enabled bool) (*Thread, *fakeKernel,
	*fakeMem) {
	th, k, _, m := newThread()
	require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
		rseq.OrigSize, 0, rseq.SignatureAMD64))
	th.IrqentryExitToUserMode()
	if enabled {
		_, e := rseq.SlicePrctl(&th.Rseq, th.Mem,
			abi.PR_RSEQ_SLICE_EXTENSION_SET,
			abi.PR_RSEQ_SLICE_EXT_ENABLE)
		require.Zero(t, e)
	}
	k.log = nil
	return th, k, m
}

// syscall is a syscall trap: the number is in the registers too.
func syscall(th *Thread, nr int) {
	th.Regs.SetSyscallNr(nr)
	th.Syscall(nr)
}

// tick is what the kernel does for a timer interrupt in user mode.
func tick(th *Thread) {
	th.SetWork(WorkNeedResched)
	th.IrqentryExitToUserMode()
}

func TestSliceGrantInsteadOfReschedule(t *testing.T) {
	tests := []struct {
		name      string
		enabled   bool
		ctrl      uint32
		work      Work
		syscall   bool
		wantLog   []string
		wantCtrl  uint32
		wantArmed bool
	}{
		{name: "tick with a request is granted, no schedule",
			enabled: true, ctrl: ctrlRequest, wantCtrl: ctrlGranted,
			wantArmed: true},
		{name: "tick without a request schedules",
			enabled: true, wantLog: []string{"schedule"}},
		{name: "tick with a request but extension off schedules",
			ctrl: ctrlRequest, wantLog: []string{"schedule"},
			wantCtrl: ctrlRequest},
		{name: "a pending signal denies the grant and clears the request",
			enabled: true, ctrl: ctrlRequest, work: WorkSigPending,
			wantLog: []string{"schedule", "signal"}},
		{name: "syscall return with need-resched schedules",
			enabled: true, ctrl: ctrlRequest, syscall: true,
			wantLog:  []string{"dispatch 39", "schedule"},
			wantCtrl: ctrlRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, k, m := sliceThread(t, tt.enabled)
			m.put32(areaAddr+rseq.OffSliceCtrl, tt.ctrl)
			th.SetWork(tt.work)

			if tt.syscall {
				k.on = func(t *Thread, call string) {
					if call == "dispatch 39" {
						t.SetWork(WorkNeedResched)
					}
				}
				syscall(th, 39)
			} else {
				tick(th)
			}

			armed := th.Work()&WorkSyscallRseqSlice != 0
			assert.Equal(t, tt.wantLog, k.log)
			assert.Equal(t, tt.wantCtrl,
				m.u32(areaAddr+rseq.OffSliceCtrl))
			assert.Equal(t, tt.wantArmed, armed,
				"syscall-entry work armed")
			assert.Zero(t, th.Work()&ExitWork, "no exit work left")
		})
	}
}

func TestSliceGrantEnds(t *testing.T) {
	const getpid = 39
	tests := []struct {
		name      string
		end       func(th *Thread)
		wantLog   []string
		wantYield int64
	}{
		{name: "next tick revokes the grant and schedules",
			end: tick, wantLog: []string{"schedule"}},
		{name: "rseq_slice_yield schedules at entry and returns 1",
			end: func(th *Thread) { syscall(th, rseq.NrSliceYield) },
			wantLog: []string{"schedule",
				"dispatch 471"}, wantYield: 1},
		{name: "another syscall schedules at entry and then runs",
			end:     func(th *Thread) { syscall(th, getpid) },
			wantLog: []string{"schedule", "dispatch 39"}},
		{name: "a fault keeps the grant, no schedule",
			end: func(th *Thread) { th.IrqentryExitToUserMode() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, k, m := sliceThread(t, true)
			m.put32(areaAddr+rseq.OffSliceCtrl, ctrlRequest)
			tick(th)
			require.Empty(t, k.log)
			require.True(t, th.Rseq.SliceGranted())
			k.on = func(t *Thread, call string) {
				if call == "dispatch 471" {
					k.ret = rseq.SliceYield(&t.Rseq)
				}
			}

			tt.end(th)

			assert.Equal(t, tt.wantLog, k.log)
			if tt.wantLog == nil {
				assert.True(t, th.Rseq.SliceGranted())
				assert.Equal(t, uint32(ctrlGranted),
					m.u32(areaAddr+rseq.OffSliceCtrl))
				return
			}
			assert.False(t, th.Rseq.SliceGranted())
			assert.Equal(t, uint32(0), m.u32(areaAddr+rseq.OffSliceCtrl))
			assert.Equal(t, tt.wantYield, k.ret, "rseq_slice_yield")
			assert.Zero(t, th.Work()&ExitWork, "no exit work left")
		})
	}
}

func TestSliceSyscallWorkAfterRevokeIsCleared(t *testing.T) {
	th, k, m := sliceThread(t, true)
	m.put32(areaAddr+rseq.OffSliceCtrl, ctrlRequest)
	tick(th)
	tick(th)
	require.Equal(t, []string{"schedule"}, k.log, "revoked")
	require.NotZero(t, th.Work()&WorkSyscallRseqSlice, "still armed")
	k.log = nil

	syscall(th, 39)

	assert.Equal(t, []string{"dispatch 39"}, k.log, "no second schedule")
	assert.Zero(t, th.Work()&WorkSyscallRseqSlice)
}

func TestSliceFaultIsSIGSEGV(t *testing.T) {
	th, k, m := sliceThread(t, true)
	m.put32(areaAddr+rseq.OffSliceCtrl, ctrlRequest)
	th.Rseq.Addr = memBase + memSize // slice_ctrl beyond the memory

	tick(th)

	require.GreaterOrEqual(t, len(k.log), 3)
	assert.Equal(t, []string{"force SIGSEGV", "schedule", "signal"},
		k.log[:3], "SIGSEGV, rescheduled, then delivered")
}
