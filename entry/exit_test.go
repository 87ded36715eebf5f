package entry

import (
	"testing"

	"github.com/ringside-kernel/ringside/rseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExitLoop(t *testing.T) {
	reschedOnce := true
	tests := []struct {
		name    string
		work    Work
		on      func(t *Thread, call string)
		wantLog []string
	}{
		{name: "no work makes no calls"},
		{name: "need-resched, signal, notify-resume run in that order",
			work:    WorkNeedResched | WorkSigPending | WorkNotifyResume,
			wantLog: []string{"schedule", "signal", "resume"}},
		{name: "notify-signal delivers like a pending signal",
			work: WorkNotifySignal, wantLog: []string{"signal"}},
		{name: "need-resched is clear when schedule runs",
			work: WorkNeedResched,
			on: func(t *Thread, call string) {
				if t.Work()&WorkNeedResched != 0 {
					panic("schedule with need-resched set")
				}
			},
			wantLog: []string{"schedule"}},
		{name: "work raised by a step runs in another iteration",
			work: WorkSigPending,
			on: func(t *Thread, call string) {
				if call == "signal" {
					t.SetWork(WorkNeedResched)
				}
			},
			wantLog: []string{"signal", "schedule"}},
		{name: "need-resched raised again reschedules again",
			work: WorkNeedResched,
			on: func(t *Thread, call string) {
				if call == "schedule" && reschedOnce {
					reschedOnce = false
					t.SetWork(WorkNeedResched)
				}
			},
			wantLog: []string{"schedule", "schedule"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, k, _, _ := newThread()
			k.on = tt.on
			th.SetWork(tt.work)
			if tt.work&WorkNotifyResume != 0 {
				th.TaskWorkAdd(func(*Thread) {
					k.log = append(k.log, "resume")
				})
			}

			th.IrqentryExitToUserMode()

			assert.Equal(t, tt.wantLog, k.log)
			assert.Zero(t, th.Work()&ExitWork, "no exit work left")
		})
	}
}

func TestExitLoopRseq(t *testing.T) {
	if rseq.EagerIDs {
		t.Skip("checks the cached-ID design; rseqeager rewrites on every exit")
	}

	t.Run("rseq fast path failure runs the slow path once more",
		func(t *testing.T) {
			th, k, _, m := newThread()
			th.CPU = 3
			require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
				rseq.OrigSize, 0, rseq.SignatureAMD64))
			th.SetWork(WorkNeedResched)

			th.IrqentryExitToUserMode()

			assert.Equal(t, []string{"schedule"}, k.log)
			assert.Equal(t, uint32(3), m.u32(areaAddr+rseq.OffCPUID),
				"IDs written by the extra pass")
			assert.True(t, th.Rseq.IDsValid())
			assert.Zero(t, th.Work())
		})

	t.Run("malformed rseq_cs gets SIGSEGV delivered in the next pass",
		func(t *testing.T) {
			th, k, _, m := newThread()
			require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
				rseq.OrigSize, 0, rseq.SignatureAMD64))
			m.put32(csAddr, 7) // version 7
			m.put64(areaAddr+rseq.OffRseqCS, csAddr)

			th.IrqentryExitToUserMode()

			assert.Equal(t, []string{"force SIGSEGV", "signal"}, k.log)
		})

	t.Run("preempted inside a section returns at abort_ip",
		func(t *testing.T) {
			th, _, r, m := newThread()
			require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
				rseq.OrigSize, 0, rseq.SignatureAMD64))
			th.IrqentryExitToUserMode()
			m.put64(csAddr+8, 0x10f00)  // start_ip
			m.put64(csAddr+16, 0x40)    // post_commit_offset
			m.put64(csAddr+24, 0x11000) // abort_ip
			m.put32(0x11000-4, rseq.SignatureAMD64)
			m.put64(areaAddr+rseq.OffRseqCS, csAddr)
			r.ip = 0x10f10
			th.Kernel.(*fakeKernel).on = func(t *Thread, c string) {
				rseq.NotePreempt(&t.Rseq)
			}
			th.SetWork(WorkNeedResched)

			th.IrqentryExitToUserMode()

			assert.Equal(t, uint64(0x11000), r.ip)
		})
}

func TestResumeUserModeWork(t *testing.T) {
	th, _, _, _ := newThread()
	var ran []int
	th.TaskWorkAdd(func(t *Thread) {
		ran = append(ran, 1)
		t.TaskWorkAdd(func(*Thread) { ran = append(ran, 3) })
	})
	th.TaskWorkAdd(func(*Thread) { ran = append(ran, 2) })
	require.NotZero(t, th.Work()&WorkNotifyResume)

	th.ResumeUserModeWork()

	assert.Equal(t, []int{1, 2, 3}, ran, "queued order, then new work")
	assert.NotZero(t, th.Work()&WorkNotifyResume,
		"work queued while running sets the flag again for the loop")
}

func TestSetNotifyResume(t *testing.T) {
	th, _, _, _ := newThread()

	th.SetNotifyResume()

	assert.Equal(t, WorkNotifyResume, th.Work())
}
