package rseq

import "encoding/binary"

// readCSAddr loads the area's rseq_cs pointer.
func (st *State) readCSAddr(mem Memory) (uint64, error) {
	b := st.buf(8)
	if mem.CopyIn(st.Addr+OffRseqCS, b) != nil {
		return 0, ErrFault
	}
	return binary.LittleEndian.Uint64(b), nil
}

// clearCSAddr stores 0 in the area's rseq_cs.
func (st *State) clearCSAddr(mem Memory) error {
	if mem.CopyOut(st.Addr+OffRseqCS, st.buf(8)) != nil {
		return ErrFault
	}
	return nil
}

// readCS loads the descriptor at csaddr and checks all of it, as Linux's
// debug variant does (rseq_debug_update_user_cs; the pre-2025
// rseq_get_rseq_cs did the same on every kernel): a descriptor that
// fails any check kills the task whether or not the IP is inside.
func (st *State) readCS(mem Memory, csaddr uint64) (CS, error) {
	limit := st.taskSize()
	if csaddr >= limit {
		return CS{}, ErrCSAddr
	}

	b := st.buf(csSize)
	if mem.CopyIn(csaddr, b) != nil {
		return CS{}, ErrFault
	}
	le := binary.LittleEndian
	cs := CS{
		Version:          le.Uint32(b[csOffVersion:]),
		Flags:            le.Uint32(b[csOffFlags:]),
		StartIP:          le.Uint64(b[csOffStartIP:]),
		PostCommitOffset: le.Uint64(b[csOffPostCommitOffset:]),
		AbortIP:          le.Uint64(b[csOffAbortIP:]),
	}

	if cs.Version != 0 {
		return CS{}, ErrCSVersion
	}
	if cs.Flags != 0 {
		return CS{}, ErrCSFlags
	}

	end := cs.StartIP + cs.PostCommitOffset
	if cs.StartIP >= limit || end >= limit || end < cs.StartIP {
		return CS{}, ErrCSRange
	}

	if cs.AbortIP >= limit || cs.AbortIP < 4 {
		return CS{}, ErrAbortIP
	}
	if cs.AbortIP-cs.StartIP < cs.PostCommitOffset {
		return CS{}, ErrAbortIP
	}

	// The signature guards against a forged descriptor turning an
	// abort into a jump to any gadget.
	sig := st.buf(4)
	if mem.CopyIn(cs.AbortIP-4, sig) != nil {
		return CS{}, ErrFault
	}
	if le.Uint32(sig) != st.Sig {
		return CS{}, ErrSignature
	}
	return cs, nil
}

// inside reports whether ip is in [StartIP, StartIP+PostCommitOffset).
func (cs *CS) inside(ip uint64) bool {
	return ip-cs.StartIP < cs.PostCommitOffset
}

// fixupCS handles the task's current critical section: none → nothing;
// IP outside → clear rseq_cs; IP inside and abort set → IP = abort_ip
// and clear rseq_cs; IP inside without an abort event → leave it.
// Linux: rseq_update_user_cs (rseq_ip_fixup before 2025).
func (st *State) fixupCS(mem Memory, regs Regs, abort bool) error {
	csaddr, err := st.readCSAddr(mem)
	if err != nil || csaddr == 0 {
		return err
	}

	cs, err := st.readCS(mem, csaddr)
	if err != nil {
		return err
	}

	if !cs.inside(regs.InstructionPointer()) {
		return st.clearCSAddr(mem)
	}
	if !abort {
		return nil
	}

	if err := st.clearCSAddr(mem); err != nil {
		return err
	}
	regs.SetInstructionPointer(cs.AbortIP)
	return nil
}
