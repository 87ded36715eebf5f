package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysRtSigqueueinfo is rt_sigqueueinfo(2), glibc's sigqueue: sig with a
// siginfo the caller wrote, to process pid. The siginfo is read first
// (EFAULT); a code a task may not forge (SI_USER and the kernel's, which
// are >= 0, and SI_TKILL) is EPERM unless pid is the caller; then an
// unknown pid is ESRCH and an invalid signal EINVAL; a full queue is
// EAGAIN. Linux: do_rt_sigqueueinfo. Linux also rejects bytes set past
// the siginfo layout of the code (E2BIG); ringside reads what it keeps:
// si_code, si_pid, si_uid, si_value (or si_addr for a fault code).
func sysRtSigqueueinfo(t *Task) (int64, abi.Errno) {
	a := t.args()
	pid, sig := int(int32(a[0])), a[1]

	info, e := t.siginfoFromUser(a[2], sig)
	if e != 0 {
		return 0, e
	}
	return 0, t.queueTo(t.PID, pid, pid, sig, info)
}

// sysRtTgsigqueueinfo is rt_tgsigqueueinfo(2): rt_sigqueueinfo to
// thread tid of thread group tgid, the EPERM check against the caller's
// thread ID; tgid or tid <= 0 is EINVAL. Linux: do_rt_tgsigqueueinfo.
func sysRtTgsigqueueinfo(t *Task) (int64, abi.Errno) {
	a := t.args()
	tgid, tid, sig := int(int32(a[0])), int(int32(a[1])), a[2]

	info, e := t.siginfoFromUser(a[3], sig)
	if e != 0 {
		return 0, e
	}
	if tgid <= 0 || tid <= 0 {
		return 0, abi.EINVAL
	}
	return 0, t.queueTo(t.TID, tid, tgid, sig, info)
}

// queueTo is the rest of both: a forged code is EPERM unless the target
// tid is the caller (mine, its PID or TID as the call names targets),
// then a tid not in thread group tgid is ESRCH, then the signal goes.
func (t *Task) queueTo(mine, tid, tgid int, sig uint64,
	info sigInfo) abi.Errno {
	if forged(info) && tid != mine {
		return abi.EPERM
	}

	target := t.findTask(tid)
	if target == nil || target.PID != tgid {
		return abi.ESRCH
	}
	return queueSignal(target, sig, info)
}

// forged says whether a siginfo a task passed claims to come from kill,
// tkill or the kernel, which only a task signalling itself may claim.
func forged(info sigInfo) bool {
	return info.code >= 0 || info.code == abi.SI_TKILL
}

// queueSignal sends sig with info to target once the target is known:
// an invalid signal is EINVAL, signal 0 only checks (check_kill_permission
// and send_signal_locked).
func queueSignal(target *Task, sig uint64, info sigInfo) abi.Errno {
	if sig != 0 && !validSignal(sig) {
		return abi.EINVAL
	}
	if sig == 0 {
		return 0
	}
	return target.sendSignal(abi.Signal(sig), info)
}

// siginfoFromUser reads a siginfo_t for signal sig
// (copy_siginfo_from_user): the fields ringside keeps, the union as sig
// and si_code lay it out. si_signo is not read: the kernel sets it to
// the signal sent.
func (t *Task) siginfoFromUser(addr, sig uint64) (sigInfo, abi.Errno) {
	var b [abi.SiginfoSize]byte
	if e := t.copyIn(addr, b[:]); e != 0 {
		return sigInfo{}, e
	}

	le := binary.LittleEndian
	info := sigInfo{
		code: int32(le.Uint32(b[abi.SiCode:])),
		pid:  int32(le.Uint32(b[abi.SiPid:])),
		uid:  int32(le.Uint32(b[abi.SiUid:])),
		data: le.Uint64(b[abi.SiValue:]),
	}
	if abi.SiginfoIsFault(abi.Signal(sig), int(info.code)) {
		info.data = le.Uint64(b[abi.SiAddr:])
	}
	return info, 0
}

// sysRtSigpending is rt_sigpending(2): the signals pending while
// blocked. A size other than sizeof(sigset_t) is EINVAL. Linux:
// do_sigpending.
func sysRtSigpending(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[1] != abi.SigsetSize {
		return 0, abi.EINVAL
	}

	s := &t.signals
	s.mu.Lock()
	set := s.pending & s.blocked
	s.mu.Unlock()

	return 0, t.putU64(a[0], set)
}
