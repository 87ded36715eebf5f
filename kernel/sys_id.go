package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// Identity syscalls. Ringside has no users: every task runs as root
// (uid and gid 0), which is also what lets it raise its hard limits.

func sysGetpid(t *Task) (int64, abi.Errno) {
	return int64(t.PID), 0
}

func sysGettid(t *Task) (int64, abi.Errno) {
	return int64(t.TID), 0
}

func sysGetppid(t *Task) (int64, abi.Errno) {
	return int64(t.PPID), 0
}

// sysGetuid serves getuid, geteuid, getgid and getegid.
func sysGetuid(t *Task) (int64, abi.Errno) { return 0, 0 }

// sysGetgroups is getgroups(2): a task has no supplementary groups, as
// init has none on Linux, so the count is 0 and the list is not
// touched; a negative size is EINVAL.
func sysGetgroups(t *Task) (int64, abi.Errno) {
	a := t.args()
	if int32(a[0]) < 0 {
		return 0, abi.EINVAL
	}
	return 0, 0
}

// sysSetTidAddress is set_tid_address(2): it records the word doExit
// clears and returns the caller's TID.
func sysSetTidAddress(t *Task) (int64, abi.Errno) {
	a := t.args()
	t.clearChildTID = a[0]
	return int64(t.TID), 0
}

// sysSetRobustList is set_robust_list(2): the length must be
// sizeof(struct robust_list_head), else EINVAL. The list is recorded and
// not read.
func sysSetRobustList(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[1] != abi.RobustListHeadSize {
		return 0, abi.EINVAL
	}
	t.robustList, t.robustLen = a[0], a[1]
	return 0, 0
}

// sysGetcpu is getcpu(2): the CPU the task last ran on and NUMA node 0,
// each written only if its pointer is not NULL.
func sysGetcpu(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[0] != 0 {
		if e := t.putU32(a[0], t.CPU); e != 0 {
			return 0, e
		}
	}
	if a[1] != 0 {
		if e := t.putU32(a[1], 0); e != 0 {
			return 0, e
		}
	}
	return 0, 0
}

// Utsname fields. glibc refuses kernels older than its minimum (3.2), so
// the release must look like a current Linux.
const (
	utsSysname  = "Linux"
	utsNodename = "ringside"
	utsRelease  = "6.1.0-ringside"
	utsVersion  = "#1 SMP ringside"
	utsDomain   = "(none)"
)

// sysUname is uname(2): struct new_utsname, six NUL-padded 65-byte
// fields, machine from the task's architecture.
func sysUname(t *Task) (int64, abi.Errno) {
	a := t.args()
	fields := []string{utsSysname, utsNodename, utsRelease, utsVersion,
		t.Arch.Name(), utsDomain}

	b := make([]byte, abi.UtsnameSize)
	for i, f := range fields {
		copy(b[i*abi.UtsFieldLen:(i+1)*abi.UtsFieldLen-1], f)
	}
	return 0, t.copyOut(a[0], b)
}

// sysPrctl is prctl(2) for the task name: PR_SET_NAME takes at most 15
// bytes of the string, PR_GET_NAME writes the 16-byte comm, NUL padded;
// and for rseq slice extension (prctlRseqSlice). Every other option is
// EINVAL.
func sysPrctl(t *Task) (int64, abi.Errno) {
	a := t.args()
	switch a[0] {
	case abi.PR_RSEQ_SLICE_EXTENSION:
		return prctlRseqSlice(t, a)

	case abi.PR_SET_NAME:
		name, _, e := t.copyInString(a[1], abi.TASK_COMM_LEN-1)
		if e != 0 {
			return 0, e
		}
		t.Name = name
		return 0, 0

	case abi.PR_GET_NAME:
		comm := make([]byte, abi.TASK_COMM_LEN)
		copy(comm[:abi.TASK_COMM_LEN-1], t.Name)
		return 0, t.copyOut(a[1], comm)
	}
	return 0, abi.EINVAL
}
