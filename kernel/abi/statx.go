package abi

import "encoding/binary"

// StatxSize is sizeof(struct statx) (include/uapi/linux/stat.h), the same
// on every architecture.
const StatxSize = 256

// statx request and result mask bits.
const (
	STATX_TYPE        = 0x1
	STATX_MODE        = 0x2
	STATX_NLINK       = 0x4
	STATX_UID         = 0x8
	STATX_GID         = 0x10
	STATX_ATIME       = 0x20
	STATX_MTIME       = 0x40
	STATX_CTIME       = 0x80
	STATX_INO         = 0x100
	STATX_SIZE        = 0x200
	STATX_BLOCKS      = 0x400
	STATX_BASIC_STATS = 0x7ff
	STATX__RESERVED   = 0x80000000
)

// EncodeStatx lays s out as struct statx with mask as stx_mask. Offsets:
// mask 0, blksize 4, attributes 8, nlink 16, uid 20, gid 24, mode 28 (u16),
// ino 32, size 40, blocks 48, attributes_mask 56, atime 64, btime 80,
// ctime 96, mtime 112 (struct statx_timestamp: i64 sec, u32 nsec, pad),
// rdev_major 128, rdev_minor 132, dev_major 136, dev_minor 140.
func (s *Stat) EncodeStatx(mask uint32) []byte {
	b := make([]byte, StatxSize)
	le := binary.LittleEndian
	le.PutUint32(b[0:], mask)
	le.PutUint32(b[4:], uint32(s.Blksize))
	le.PutUint64(b[8:], s.StatxAttrs)
	le.PutUint32(b[16:], uint32(s.Nlink))
	le.PutUint32(b[20:], s.UID)
	le.PutUint32(b[24:], s.GID)
	le.PutUint16(b[28:], uint16(s.Mode))
	le.PutUint64(b[32:], s.Ino)
	le.PutUint64(b[40:], uint64(s.Size))
	le.PutUint64(b[48:], uint64(s.Blocks))
	putStatxTime(b[64:], s.Atime)
	putStatxTime(b[96:], s.Ctime)
	putStatxTime(b[112:], s.Mtime)
	le.PutUint32(b[128:], s.RdevMajor)
	le.PutUint32(b[132:], s.RdevMinor)
	le.PutUint32(b[136:], s.DevMajor)
	le.PutUint32(b[140:], s.DevMinor)
	return b
}

func putStatxTime(b []byte, ts Timespec) {
	binary.LittleEndian.PutUint64(b[0:], uint64(ts.Sec))
	binary.LittleEndian.PutUint32(b[8:], uint32(ts.Nsec))
}
