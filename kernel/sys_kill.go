package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// Signal sending. Every task is its own process group, so kill(0, sig)
// is the caller and kill(-pgid, sig) the task whose PID is pgid.

// findTask returns the task with thread ID tid (find_task_by_vpid).
func (t *Task) findTask(tid int) *Task {
	if tid == t.TID {
		return t
	}
	for _, o := range t.k.Tasks() {
		if o.TID == tid && !o.exited {
			return o
		}
	}
	return nil
}

// signalTask sends sig to target from t (group_send_sig_info): an
// invalid signal is EINVAL, signal 0 only checks that target exists. A
// ringside task runs as root and may signal any task.
func (t *Task) signalTask(target *Task, sig uint64, code int) abi.Errno {
	if sig != 0 && !validSignal(sig) {
		return abi.EINVAL
	}
	if sig != 0 {
		info := sigInfo{code: int32(code), pid: int32(t.PID)}
		return target.sendSignal(abi.Signal(sig), info)
	}
	return 0
}

// sysKill is kill(2) (kill_something_info). pid > 0 is that process, 0
// the caller's group, -1 every process but init and the caller, < -1 the
// group -pid. No process found is ESRCH, checked before the signal
// number.
func sysKill(t *Task) (int64, abi.Errno) {
	a := t.args()
	pid, sig := int(int32(a[0])), a[1]

	switch {
	case pid == -1:
		found := false
		for _, o := range t.k.Tasks() {
			if o != t && o.PID > 1 && !o.exited {
				found = true
				e := t.signalTask(o, sig, abi.SI_USER)
				if e != 0 {
					return 0, e
				}
			}
		}
		if !found {
			return 0, abi.ESRCH
		}
		return 0, 0
	case pid == 0:
		pid = t.PID
	case pid < -1:
		pid = -pid
	}

	target := t.findTask(pid)
	if target == nil || target.PID != pid {
		return 0, abi.ESRCH
	}
	return 0, t.signalTask(target, sig, abi.SI_USER)
}

// sysTkill is tkill(2): tid <= 0 is EINVAL, an unknown tid ESRCH.
func sysTkill(t *Task) (int64, abi.Errno) {
	a := t.args()
	tid := int(int32(a[0]))
	if tid <= 0 {
		return 0, abi.EINVAL
	}
	target := t.findTask(tid)
	if target == nil {
		return 0, abi.ESRCH
	}
	return 0, t.signalTask(target, a[1], abi.SI_TKILL)
}

// sysTgkill is tgkill(2): tgid or tid <= 0 is EINVAL; no thread tid in
// thread group tgid is ESRCH.
func sysTgkill(t *Task) (int64, abi.Errno) {
	a := t.args()
	tgid, tid := int(int32(a[0])), int(int32(a[1]))
	if tgid <= 0 || tid <= 0 {
		return 0, abi.EINVAL
	}
	target := t.findTask(tid)
	if target == nil || target.PID != tgid {
		return 0, abi.ESRCH
	}
	return 0, t.signalTask(target, a[2], abi.SI_TKILL)
}
