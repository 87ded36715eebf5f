package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// taskSizeMax is the first address past x86-64 user space with 4-level
// paging, less the guard page (TASK_SIZE_MAX): arch_prctl refuses bases
// from there on.
const taskSizeMax = 1<<47 - abi.PageSize

// sysArchPrctl is arch_prctl(2) (do_arch_prctl_64). ARCH_SET_FS loads the
// thread pointer through the task's context; ARCH_SET_GS only records the
// GS base, which no user program of ringside's targets reads. A base at
// or above TASK_SIZE_MAX is EPERM; unknown codes are EINVAL.
func sysArchPrctl(t *Task) (int64, abi.Errno) {
	a := t.args()
	code, arg := a[0], a[1]

	switch code {
	case abi.ARCH_SET_FS, abi.ARCH_SET_GS:
		if arg >= taskSizeMax {
			return 0, abi.EPERM
		}
		if code == abi.ARCH_SET_FS {
			t.Ctx.SetTLS(arg)
		} else {
			t.gsBase = arg
		}
		return 0, 0

	case abi.ARCH_GET_FS:
		return 0, t.putU64(arg, t.Ctx.TLS())
	case abi.ARCH_GET_GS:
		return 0, t.putU64(arg, t.gsBase)
	}
	return 0, abi.EINVAL
}
