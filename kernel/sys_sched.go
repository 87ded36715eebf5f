package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysSchedYield is sched_yield(2).
func sysSchedYield(t *Task) (int64, abi.Errno) {
	t.Schedule(&t.Thread)
	return 0, 0
}

// cpumaskSize is cpumask_size() for one CPU: one unsigned long.
const cpumaskSize = 8

// sysSchedGetaffinity is sched_getaffinity(2): a length too short for the
// CPUs or not a multiple of a long is EINVAL; a pid other than 0 or the
// caller's is ESRCH; the mask holds the one CPU and the call returns the
// bytes written.
func sysSchedGetaffinity(t *Task) (int64, abi.Errno) {
	a := t.args()
	pid, size, mask := int(int32(a[0])), uint32(a[1]), a[2]
	if size < cpumaskSize || size%cpumaskSize != 0 {
		return 0, abi.EINVAL
	}
	if pid != 0 && pid != t.PID {
		return 0, abi.ESRCH
	}
	if e := t.putU64(mask, 1<<(t.CPU%64)); e != 0 {
		return 0, e
	}
	return cpumaskSize, 0
}
