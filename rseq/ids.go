package rseq

import "encoding/binary"

// writeIDs stores ids into the area: cpu_id_start and cpu_id (offsets 0
// and 4), node_id and mm_cid (20 and 24), and caches them. With
// clearSlice it also stores slice_ctrl = 0 (28, in the same write) and
// ends a slice grant. On a fault the cache is set to
// RSEQ_CPU_ID_UNINITIALIZED so that the next update rewrites whatever
// the area holds. Linux: rseq_set_ids_get_csaddr.
func (st *State) writeIDs(mem Memory, ids IDs, clearSlice bool) error {
	b := st.buf(20)
	cpu, rest := b[:8], b[8:16]
	if clearSlice {
		rest = b[8:20]
		st.slice.granted = false
	}
	le := binary.LittleEndian
	le.PutUint32(cpu[0:], ids.CPU)
	le.PutUint32(cpu[4:], ids.CPU)
	le.PutUint32(rest[0:], ids.Node)
	le.PutUint32(rest[4:], ids.MMCID)

	if mem.CopyOut(st.Addr+OffCPUIDStart, cpu) != nil ||
		mem.CopyOut(st.Addr+OffNodeID, rest) != nil {
		st.ids = uninitIDs
		return ErrFault
	}

	st.ids = ids
	return nil
}

// resetIDs stores what an unregistration leaves in the area (Linux's
// rseq_reset_ids): cpu_id_start 0, cpu_id RSEQ_CPU_ID_UNINITIALIZED,
// node_id 0 and mm_cid 0. cpu_id_start is 0, not UNINITIALIZED, because
// uapi/linux/rseq.h promises it always holds a possible CPU number, even
// when rseq is not registered: code may index per-CPU data with it
// before comparing cpu_id. (Linux's 6.19 rework wrote UNINITIALIZED
// there too; that was reported as a regression, and the proposed fix
// writes 0 again.) On a fault the cache is dropped, as in writeIDs.
func (st *State) resetIDs(mem Memory) error {
	b := st.buf(16)
	cpu, rest := b[:8], b[8:]
	binary.LittleEndian.PutUint32(cpu[OffCPUID:], uninitIDs.CPU)

	if mem.CopyOut(st.Addr+OffCPUIDStart, cpu) != nil ||
		mem.CopyOut(st.Addr+OffNodeID, rest) != nil {
		st.ids = uninitIDs
		return ErrFault
	}
	return nil
}
