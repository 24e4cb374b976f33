// Everything lives in include/CFileSystem.h; SwiftPM wants one source file per C target.
#include "CFileSystem.h"
