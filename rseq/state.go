package rseq

// Memory is checked access to the task's user memory (copy_from_user,
// copy_to_user); a failed access returns an error (abi.EFAULT).
// entry.Memory satisfies it.
type Memory interface {
	CopyIn(addr uint64, dst []byte) error
	CopyOut(addr uint64, src []byte) error
}

// Regs is the part of the saved user registers rseq moves: the
// instruction pointer (instruction_pointer, instruction_pointer_set).
type Regs interface {
	InstructionPointer() uint64
	SetInstructionPointer(ip uint64)
}

// IDs are the values the kernel publishes in the area: cpu_id (also
// written to cpu_id_start), node_id and mm_cid.
type IDs struct {
	CPU   uint32
	Node  uint32
	MMCID uint32
}

// uninitIDs are what registration leaves in the area until the real IDs
// are written: cpu RSEQ_CPU_ID_UNINITIALIZED (-1), node 0, mm_cid 0.
// Unregistration leaves cpu_id_start 0 instead (resetIDs).
var uninitIDs = IDs{CPU: ^uint32(0)}

// event is a bit of pending rseq work (Linux's struct rseq_event). It is
// 32 bits wide so that an architecture's fast syscall path can test the
// pending set with one load (FastExitWord).
type event uint32

const (
	// eventPreempt: the task was scheduled out (rseq_preempt).
	eventPreempt event = 1 << iota
	// eventMigrate: the task moved to another CPU (rseq_migrate).
	eventMigrate
	// eventSignal: a signal is being delivered (rseq_signal_deliver).
	eventSignal
	// eventIDs: the cached IDs do not reflect the area, write them
	// whatever they are (rseq_force_update); while it is set the cache
	// is not valid. Other events rewrite the IDs only if they changed.
	eventIDs
	// eventFatal: an earlier step failed in a way that must kill the
	// task on the way out (rseq_event.fatal); State.fatal says why.
	eventFatal
)

// abortEvents are the events that abort a critical section.
const abortEvents = eventPreempt | eventMigrate | eventSignal

// schedEvents are the events of a context switch, after which Linux
// clears slice_ctrl and ends a grant (rseq_exit_user_update and
// rseq_set_ids_get_csaddr write it with the IDs).
const schedEvents = eventPreempt | eventMigrate

// State is a task's rseq registration and the IDs last written to its area
// (task->rseq, rseq_len, rseq_sig and the 2025 rework's cached IDs). The
// zero value is an unregistered task.
//
// Only the task's own CPU touches it: the task itself, its syscalls and
// the scheduler switching it out.
type State struct {
	// Addr is the registered struct rseq's user address, 0 when none.
	Addr uint64
	// Len and Sig are the registered length and signature.
	Len uint32
	Sig uint32
	// TaskSize is the user address limit (TASK_SIZE) critical section
	// addresses are checked against; 0 means DefaultTaskSize.
	TaskSize uint64

	// ids are the values last written to the area; meaningful only
	// while eventIDs is clear.
	ids IDs
	// pending is the set of events not yet handled; zero is the state
	// the exit fast path is looking for.
	pending event
	// eagerDone marks that this exit already ran the eager rewrite (the
	// rseqeager design only).
	eagerDone bool
	// fatal is why the task dies on its way out when eventFatal is set.
	fatal error

	// slice is the time slice extension state (slice.go).
	slice sliceState
	// userIRQ: the task is on its way back to user mode from an
	// interrupt or exception (NoteUserIRQ).
	userIRQ bool

	// scratch is the buffer user accesses go through, so that passing
	// it to Memory does not allocate on every slow path.
	scratch [csSize]byte
}

// buf returns the first n bytes of the scratch buffer, zeroed.
func (st *State) buf(n int) []byte {
	b := st.scratch[:n]
	clear(b)
	return b
}

// Registered reports whether the task has an rseq area.
func (st *State) Registered() bool { return st.Addr != 0 }

// Pending reports whether rseq work must run before the task returns to
// user mode: the exit fast path would fail.
func (st *State) Pending() bool { return st.pending != 0 }

// IDsValid reports whether the cached IDs match what the area holds, so
// that an unchanged CPU needs no write.
func (st *State) IDsValid() bool {
	return st.Registered() && st.pending&eventIDs == 0
}

// taskSize is the user address limit in force.
func (st *State) taskSize() uint64 {
	if st.TaskSize == 0 {
		return DefaultTaskSize
	}
	return st.TaskSize
}
