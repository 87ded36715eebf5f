package kernel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestKillErrors(t *testing.T) {
	tests := []struct {
		name string
		sys  abi.Sys
		args []uint64
		want abi.Errno
	}{
		{"kill unknown pid", abi.SysKill, []uint64{77, 15}, abi.ESRCH},
		{"kill unknown pid, bad signal", abi.SysKill, []uint64{77, 99},
			abi.ESRCH},
		{"kill self, bad signal", abi.SysKill, []uint64{1, 65}, abi.EINVAL},
		{"kill self, signal 0", abi.SysKill, []uint64{1, 0}, 0},
		{"kill own group", abi.SysKill, []uint64{0, 0}, 0},
		{"kill unknown group", abi.SysKill, []uint64{^uint64(1), 0},
			abi.ESRCH},
		{"kill everyone else: nobody", abi.SysKill,
			[]uint64{^uint64(0) /* -1 */, 15}, abi.ESRCH},
		{"tkill tid 0", abi.SysTkill, []uint64{0, 15}, abi.EINVAL},
		{"tkill unknown", abi.SysTkill, []uint64{5, 15}, abi.ESRCH},
		{"tkill self, signal 0", abi.SysTkill, []uint64{1, 0}, 0},
		{"tgkill tgid 0", abi.SysTgkill, []uint64{0, 1, 15}, abi.EINVAL},
		{"tgkill wrong group", abi.SysTgkill, []uint64{2, 1, 15},
			abi.ESRCH},
		{"tgkill bad signal", abi.SysTgkill, []uint64{1, 1, 100},
			abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want), e.call(tt.sys, tt.args...))
			assert.Zero(t, e.t.signals.pending)
		})
	}
}

func TestKillReachesAnotherTask(t *testing.T) {
	e := newEnv(t)
	other := &Task{PID: 2, TID: 2, Name: "other", k: e.k}
	e.k.tasks = append(e.k.tasks, other)

	assert.Zero(t, e.call(abi.SysKill, 2, uint64(abi.SIGTERM)))
	assert.Zero(t, e.call(abi.SysKill, ^uint64(0), uint64(abi.SIGUSR1)))

	assert.Equal(t, abi.SigMask(abi.SIGTERM)|abi.SigMask(abi.SIGUSR1),
		other.signals.pending)
	assert.Equal(t, int32(abi.SI_USER), other.signals.info[abi.SIGTERM].code)
	assert.Equal(t, int32(1), other.signals.info[abi.SIGTERM].pid)
	assert.Zero(t, e.t.signals.pending, "kill(-1) spares the sender")
}

func TestContinueCancelsPendingStops(t *testing.T) {
	e := newEnv(t)
	e.t.signals.blocked = abi.SigMask(abi.SIGTSTP) | abi.SigMask(abi.SIGCONT)

	e.call(abi.SysKill, 1, uint64(abi.SIGTSTP))
	e.call(abi.SysKill, 1, uint64(abi.SIGCONT))

	assert.Equal(t, abi.SigMask(abi.SIGCONT), e.t.signals.pending)
}

func TestTgkillWakesASleepingTask(t *testing.T) {
	e := newEnv(t)
	o := newEnv(t).t
	o.PID, o.TID, o.k = 2, 2, e.k
	e.k.tasks = append(e.k.tasks, o)
	done := make(chan int64)
	go func() {
		done <- o.Dispatch(&o.Thread, amd64.Nr(abi.SysPause))
	}()
	for !o.sleeping() {
		time.Sleep(time.Millisecond)
	}

	require.Zero(t, e.call(abi.SysTgkill, 2, 2, uint64(abi.SIGUSR1)))

	select {
	case r := <-done:
		assert.Equal(t, errno(abi.ERESTARTNOHAND), r)
	case <-time.After(10 * time.Second):
		t.Fatal("pause did not wake")
	}
	assert.NotZero(t, o.Work()&entry.WorkSigPending)
	assert.Equal(t, int32(abi.SI_TKILL), o.signals.info[abi.SIGUSR1].code)
}
