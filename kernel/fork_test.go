package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestCloneRefusesThreadsAndOddExitSignals(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.ENOSYS), e.call(abi.SysClone,
		abi.CLONE_VM|abi.CLONE_THREAD|abi.CLONE_SIGHAND, 0, 0, 0, 0))
	assert.Equal(t, errno(abi.ENOSYS), e.call(abi.SysClone,
		abi.CLONE_VM|abi.CLONE_VFORK|uint64(abi.SIGCHLD), 0, 0, 0, 0))
	assert.Contains(t, e.out.String(), "need threads")
	assert.Equal(t, errno(abi.EINVAL), e.call(abi.SysClone,
		uint64(abi.SIGUSR1), 0, 0, 0, 0))
}

// child adds an ended child with status to e's task.
func (e *sysEnv) child(pid, status int, ended bool) *Task {
	c := &Task{PID: pid, TID: pid, status: status,
		done: make(chan struct{}), parent: e.t}
	if ended {
		close(c.done)
	}
	e.t.family.children = append(e.t.family.children, c)
	return c
}

func TestWait4(t *testing.T) {
	e := newEnv(t)
	assert.Equal(t, errno(abi.ECHILD), e.call(abi.SysWait4,
		uint64(0xffffffff), 0, 0, 0), "no children")

	e.child(5, 7<<8, false)
	e.child(6, int(abi.SIGTERM), true)
	assert.Equal(t, errno(abi.ECHILD), e.call(abi.SysWait4, 9, 0, 0, 0),
		"not a child")
	assert.Zero(t, e.call(abi.SysWait4, 5, dataAddr, abi.WNOHANG, 0),
		"WNOHANG: 5 still runs")

	require.Equal(t, int64(6), e.call(abi.SysWait4, uint64(0xffffffff),
		dataAddr, 0, dataAddr+8))
	assert.Equal(t, uint32(abi.SIGTERM), e.u32(t, dataAddr))
	assert.Equal(t, make([]byte, abi.RusageSize),
		e.peek(t, dataAddr+8, abi.RusageSize), "rusage zeroed")
	assert.Len(t, e.t.family.children, 1, "6 is reaped")

	assert.Equal(t, errno(abi.EFAULT), func() int64 {
		e.child(8, 0, true)
		return e.call(abi.SysWait4, 8, roAddr, 0, 0)
	}())
}
