package rseq

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Time slice extension (Linux 7.0, CONFIG_RSEQ_SLICE_EXTENSION): a task
// that enabled it sets slice_ctrl.request around a short critical section;
// when an interrupt asks for a reschedule meanwhile, the exit path grants
// an extension instead (request cleared, granted set) and returns to user
// mode. User space ends the grant with rseq_slice_yield(2); any other
// syscall ends it too, and a reschedule request that finds a grant
// running revokes it and schedules.
//
// Linux bounds a grant with a per-CPU hrtimer (5 µs by default, 50 µs
// at most, set in debugfs rseq/slice_ext_nsec), armed on the way out;
// its expiry asks for a reschedule and the exit path revokes. ringside's
// timer is the machine's tick timer, borrowed for the grant: the kernel
// arms it once the interrupt return that granted is done
// (kernel.SliceGrant, Machine.ArmSliceTimer) and hands it to
// SliceTimerArmed, so that a grant ended early cancels it as Linux's
// rseq_cancel_slice_extension_timer does. The length is Linux's default,
// fixed: the debugfs knob has no counterpart.

// SliceTimer is the armed timer of a grant (Linux's per-CPU slice
// hrtimer), as far as rseq needs it: a grant that ends before the timer
// fired cancels it.
type SliceTimer interface {
	CancelSliceTimer()
}

// sliceState is a task's slice extension state (task->rseq.slice).
type sliceState struct {
	// enabled: prctl(PR_RSEQ_SLICE_EXTENSION_SET) or the registration
	// flag RSEQ_FLAG_SLICE_EXT_DEFAULT_ON turned it on.
	enabled bool
	// granted: an extension is running; slice_ctrl.granted is set.
	granted bool
	// yielded: rseq_slice_yield ended a grant at syscall entry, its
	// return value (rseq_slice.yielded).
	yielded bool
	// timer bounds the running grant, nil when none is armed.
	timer SliceTimer
}

// Masks of slice_ctrl read as a little-endian u32.
const (
	sliceCtrlRequest uint32 = 0xff
	sliceCtrlBytes   uint32 = 0xffff // request and granted
)

// SliceEnabled reports whether the task turned slice extension on.
func (st *State) SliceEnabled() bool { return st.slice.enabled }

// SliceGranted reports whether an extension is running.
func (st *State) SliceGranted() bool { return st.slice.granted }

// SliceTimerArmed records the timer the kernel armed for the grant
// GrantSliceExtension just issued. Ending the grant before it fires
// (SyscallEnterSlice, a reschedule that revokes) cancels it.
func SliceTimerArmed(st *State, t SliceTimer) { st.slice.timer = t }

// NoteUserIRQ marks that the task is returning to user mode from an
// interrupt or exception, not from a syscall: only such a return may be
// granted an extension. The entry code sets it around
// IrqentryExitToUserMode and clears it with ClearUserIRQ. Linux:
// rseq_note_user_irq_entry (rseq_event.user_irq).
func NoteUserIRQ(st *State) { st.userIRQ = true }

// ClearUserIRQ ends what NoteUserIRQ started (Linux clears the event in
// rseq_irqentry_exit_to_user_mode).
func ClearUserIRQ(st *State) { st.userIRQ = false }

// GrantSliceExtension is the exit loop's alternative to schedule(): with
// a reschedule pending, true means the task got an extension and returns
// to user mode instead. In Linux's order:
//
//   - not enabled or not returning from an interrupt, and no grant
//     running: false, nothing touched;
//   - otherWork (exit work other than the reschedule) or a grant already
//     running: slice_ctrl = 0, the grant ends, false;
//   - slice_ctrl.request clear: false;
//   - else request = 0, granted = 1 (reserved bytes kept), true.
//
// A non-nil error means slice_ctrl could not be accessed: the task must
// get SIGSEGV, and is rescheduled. Linux: rseq_grant_slice_extension.
//
// Preconditions: a reschedule is pending; the caller clears it when true
// comes back and arms the syscall-entry work that ends the grant.
func GrantSliceExtension(st *State, mem Memory, otherWork bool) (bool,
	error) {
	if !(st.slice.enabled && st.userIRQ) && !st.slice.granted {
		return false, nil
	}

	if otherWork || st.slice.granted {
		return false, st.endSlice(mem)
	}

	ctrl, err := st.readSliceCtrl(mem)
	if err != nil || ctrl&sliceCtrlRequest == 0 {
		return false, err
	}

	ctrl = ctrl&^sliceCtrlBytes | sliceCtrlGranted
	if err := st.writeSliceCtrl(mem, ctrl); err != nil {
		return false, err
	}
	st.slice.granted = true
	return true, nil
}

// SyscallEnterSlice is the syscall-entry work of a task that was granted
// an extension: if the grant still runs, it ends (slice_ctrl = 0) and
// the caller must reschedule before the syscall runs; nr ==
// NrSliceYield records that rseq_slice_yield did it, for SliceYield to
// return. false means the grant was already revoked. A non-nil error
// means slice_ctrl could not be written: SIGSEGV. Linux clears slice_ctrl
// after cond_resched(), ringside before Schedule; the task is in the
// kernel either way, so user space sees no difference. Linux:
// rseq_syscall_enter_work.
func SyscallEnterSlice(st *State, mem Memory, nr int) (bool, error) {
	if !st.slice.granted {
		return false, nil
	}

	if nr == NrSliceYield {
		st.slice.yielded = true
	}
	return true, st.endSlice(mem)
}

// SliceYield is rseq_slice_yield(2): 1 if the call ended a running grant
// (SyscallEnterSlice already rescheduled), 0 if no grant ran or it had
// been revoked (by the slice timer, the tick, another syscall or a
// preemption). Linux: sys_rseq_slice_yield.
func SliceYield(st *State) int64 {
	yielded := st.slice.yielded
	st.slice.yielded = false
	if yielded {
		return 1
	}
	return 0
}

// SlicePrctl is prctl(PR_RSEQ_SLICE_EXTENSION, op, arg) after the caller
// checked that arg4 and arg5 are 0. It returns what Linux returns:
//
//	GET: arg != 0: EINVAL; else PR_RSEQ_SLICE_EXT_ENABLE or 0.
//	SET: arg bits other than PR_RSEQ_SLICE_EXT_ENABLE: EINVAL; no rseq
//	  registration: ENXIO; no change: 0; else the area's flags get
//	  RSEQ_CS_FLAG_SLICE_EXT_ENABLED set or cleared. The flags must
//	  still hold the kernel's AVAILABLE (and ENABLED when enabled) bits,
//	  and the area must be accessible: otherwise EFAULT and SIGSEGV on
//	  the way out (State.Pending is set).
//	any other op: EINVAL.
//
// Linux's ENOTSUPP (slice extension disabled on the command line) has no
// counterpart: ringside always offers it. Linux:
// rseq_slice_extension_prctl.
func SlicePrctl(st *State, mem Memory, op, arg uint64) (int64, abi.Errno) {
	switch op {
	case abi.PR_RSEQ_SLICE_EXTENSION_GET:
		if arg != 0 {
			return 0, abi.EINVAL
		}
		if st.slice.enabled {
			return abi.PR_RSEQ_SLICE_EXT_ENABLE, 0
		}
		return 0, 0

	case abi.PR_RSEQ_SLICE_EXTENSION_SET:
		return 0, st.setSlice(mem, arg)
	}
	return 0, abi.EINVAL
}

// setSlice is PR_RSEQ_SLICE_EXTENSION_SET.
func (st *State) setSlice(mem Memory, arg uint64) abi.Errno {
	if arg&^abi.PR_RSEQ_SLICE_EXT_ENABLE != 0 {
		return abi.EINVAL
	}
	if !st.Registered() {
		return abi.ENXIO
	}

	enable := arg != 0
	if enable == st.slice.enabled {
		return 0
	}

	b := st.buf(4)
	if mem.CopyIn(st.Addr+OffFlags, b) != nil {
		return st.kill(ErrFault)
	}

	// The bits are the kernel's; user space changing them is a bug
	// Linux does not let pass.
	flags := binary.LittleEndian.Uint32(b)
	valid := RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE
	if st.slice.enabled {
		valid |= RSEQ_CS_FLAG_SLICE_EXT_ENABLED
	}
	if flags&valid != valid {
		return st.kill(ErrSliceFlags)
	}

	flags &^= RSEQ_CS_FLAG_SLICE_EXT_ENABLED
	if enable {
		flags |= RSEQ_CS_FLAG_SLICE_EXT_ENABLED
	}
	binary.LittleEndian.PutUint32(b, flags)
	if mem.CopyOut(st.Addr+OffFlags, b) != nil {
		return st.kill(ErrFault)
	}

	st.slice.enabled = enable
	return 0
}

// kill makes the task die of SIGSEGV for why on its way out: the exit
// fast path fails and HandleNotifyResume returns why. It returns EFAULT,
// what the failing syscall returns meanwhile.
func (st *State) kill(why error) abi.Errno {
	st.pending |= eventFatal
	st.fatal = why
	return abi.EFAULT
}

// endSlice ends a grant, or a request that cannot be granted: slice_ctrl
// = 0 (Linux writes the whole word, request included), and the grant's
// timer is cancelled (once it fired, cancelling does nothing).
func (st *State) endSlice(mem Memory) error {
	if st.slice.timer != nil {
		st.slice.timer.CancelSliceTimer()
		st.slice.timer = nil
	}
	st.slice.granted = false
	return st.writeSliceCtrl(mem, 0)
}

func (st *State) readSliceCtrl(mem Memory) (uint32, error) {
	b := st.buf(4)
	if mem.CopyIn(st.Addr+OffSliceCtrl, b) != nil {
		return 0, ErrFault
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (st *State) writeSliceCtrl(mem Memory, v uint32) error {
	b := st.buf(4)
	binary.LittleEndian.PutUint32(b, v)
	if mem.CopyOut(st.Addr+OffSliceCtrl, b) != nil {
		return ErrFault
	}
	return nil
}
