package rseq

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Register is the rseq(2) system call for the calling task: register the
// area at addr, or unregister it with RSEQ_FLAG_UNREGISTER. It returns 0
// or the errno Linux returns, checked in Linux's order:
//
//	unregister: flags other than UNREGISTER, no registration, another
//	  pointer or length: EINVAL; another signature: EPERM; area not
//	  writable: EFAULT (and SIGSEGV on the way out).
//	register: unknown flags: EINVAL; already registered: another
//	  pointer or length EINVAL, another signature EPERM, else EBUSY;
//	  length below OrigSize, OrigSize and not OrigSize-aligned, or
//	  longer and not Align-aligned or shorter than FeatureSize: EINVAL;
//	  outside user space or not writable: EFAULT.
//
// A registration writes rseq_cs = 0, cpu_id_start = cpu_id =
// RSEQ_CPU_ID_UNINITIALIZED, node_id = 0, mm_cid = 0, slice_ctrl = 0 and
// flags = RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE, with
// RSEQ_CS_FLAG_SLICE_EXT_ENABLED too when flags hold
// RSEQ_FLAG_SLICE_EXT_DEFAULT_ON, which turns slice extension on for the
// task (as prctl would). It leaves the real IDs pending: State.Pending
// is true, the exit fast path fails and the slow path writes them before
// the task returns to user mode. Linux: sys_rseq.
func Register(st *State, mem Memory, addr uint64, length uint32,
	flags uint32, sig uint32) abi.Errno {
	if flags&RSEQ_FLAG_UNREGISTER != 0 {
		return unregister(st, mem, addr, length, flags, sig)
	}

	if flags&^RSEQ_FLAG_SLICE_EXT_DEFAULT_ON != 0 {
		return abi.EINVAL
	}

	if st.Registered() {
		if addr != st.Addr || length != st.Len {
			return abi.EINVAL
		}
		if sig != st.Sig {
			return abi.EPERM
		}
		return abi.EBUSY
	}

	if !validLength(addr, length) {
		return abi.EINVAL
	}
	if !st.accessOK(addr, uint64(length)) {
		return abi.EFAULT
	}

	sliceOn := flags&RSEQ_FLAG_SLICE_EXT_DEFAULT_ON != 0
	areaFlags := RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE
	if sliceOn {
		areaFlags |= RSEQ_CS_FLAG_SLICE_EXT_ENABLED
	}

	// Clear a stale rseq_cs rather than fail: libcs reuse areas for new
	// threads without clearing them.
	head := st.buf(OrigSize)
	le := binary.LittleEndian
	le.PutUint32(head[OffCPUIDStart:], uninitIDs.CPU)
	le.PutUint32(head[OffCPUID:], uninitIDs.CPU)
	le.PutUint32(head[OffFlags:], areaFlags)
	if mem.CopyOut(addr, head) != nil {
		return abi.EFAULT
	}

	*st = State{Addr: addr, Len: length, Sig: sig, TaskSize: st.TaskSize,
		ids: uninitIDs, pending: eventIDs,
		slice: sliceState{enabled: sliceOn}}
	return 0
}

// validLength is Linux's length and alignment rule for a new area.
func validLength(addr uint64, length uint32) bool {
	switch {
	case length < OrigSize:
		return false
	case length == OrigSize:
		return addr%OrigSize == 0
	default:
		return addr%Align == 0 && length >= FeatureSize
	}
}

// accessOK is access_ok: [addr, addr+n) lies below the user limit.
func (st *State) accessOK(addr, n uint64) bool {
	end := addr + n
	return end >= addr && end <= st.taskSize()
}

// unregister is sys_rseq's RSEQ_FLAG_UNREGISTER path: check the caller
// names the registration, reset the IDs in the area (rseq_reset_ids:
// cpu_id_start = 0, cpu_id = RSEQ_CPU_ID_UNINITIALIZED, node_id = mm_cid
// = 0; rseq_cs, flags and slice_ctrl are left alone) and forget it with
// its slice extension state (rseq_reset). A grant cannot be running: the
// rseq syscall's entry work ended it.
func unregister(st *State, mem Memory, addr uint64, length uint32,
	flags uint32, sig uint32) abi.Errno {
	if flags&^RSEQ_FLAG_UNREGISTER != 0 {
		return abi.EINVAL
	}
	if st.Addr != addr || !st.Registered() {
		return abi.EINVAL
	}
	if length != st.Len {
		return abi.EINVAL
	}
	if sig != st.Sig {
		return abi.EPERM
	}

	// Linux keeps the registration and kills the task: the exit path
	// would otherwise try to write the IDs again.
	if st.resetIDs(mem) != nil {
		return st.kill(ErrFault)
	}

	*st = State{TaskSize: st.TaskSize}
	return 0
}

// Inherit is a forked child's rseq state (rseq_fork without CLONE_VM):
// the parent's registration, its area being at the same address in the
// child's copy of the memory, with the IDs to write on the child's first
// return to user mode. A time slice extension is not inherited.
func Inherit(st *State) State {
	if !st.Registered() {
		return State{TaskSize: st.TaskSize}
	}
	return State{Addr: st.Addr, Len: st.Len, Sig: st.Sig,
		TaskSize: st.TaskSize, ids: uninitIDs, pending: eventIDs}
}
