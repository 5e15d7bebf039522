/* syserr.c — see syserr.h. */
#include "core/syserr.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

const char *syserr_zh(int errnum)
{
    switch (errnum) {
    case 0:            return "未知的系统错误";
    case ENOENT:       return "文件或目录不存在";
    case ENOTDIR:      return "路径中有一部分不是目录";
    case EISDIR:       return "这是一个目录，不是文件";
    case EACCES:       return "没有权限";
    case EPERM:        return "不允许的操作（没有权限）";
    case EROFS:        return "磁盘或U盘是只读的";
    case ENOSPC:       return "磁盘已满，数据没有写入";
    case EDQUOT:       return "磁盘空间配额已用完，数据没有写入";
    case EFBIG:        return "文件太大";
    case EIO:          return "读写磁盘出错（磁盘或U盘可能已损坏或已拔出）";
    case ENOMEM:       return "内存不足";
    case EMFILE:
    case ENFILE:       return "打开的文件太多";
    case ENAMETOOLONG: return "文件名太长";
    case EEXIST:       return "文件已存在";
    case EBUSY:        return "文件正被其他程序使用";
    case ENODEV:
    case ENXIO:        return "设备不存在（U盘可能已拔出）";
    case EINVAL:       return "参数无效";
    }
    return "系统错误";
}

const char *syserr_text(int errnum, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s (%s)", syserr_zh(errnum), strerror(errnum));
    return buf;
}

const char *syserr_lxw_zh(int e)
{
    switch ((lxw_error)e) {
    case LXW_NO_ERROR:                              return "成功";
    case LXW_ERROR_MEMORY_MALLOC_FAILED:            return "内存不足";
    case LXW_ERROR_CREATING_XLSX_FILE:              return "无法创建 Excel 文件（目录不存在、只读或磁盘已满）";
    case LXW_ERROR_CREATING_TMPFILE:                return "无法创建临时文件（临时目录只读或磁盘已满）";
    case LXW_ERROR_READING_TMPFILE:                 return "读取临时文件出错";
    case LXW_ERROR_ZIP_FILE_OPERATION:              return "写入文件出错（磁盘可能已满）";
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:                    return "压缩保存 Excel 文件出错";
    case LXW_ERROR_ZIP_CLOSE:                       return "关闭 Excel 文件出错（磁盘可能已满）";
    case LXW_ERROR_FEATURE_NOT_SUPPORTED:           return "不支持的表格功能";
    case LXW_ERROR_NULL_PARAMETER_IGNORED:
    case LXW_ERROR_PARAMETER_VALIDATION:            return "表格参数无效";
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:       return "工作表名称超过31个字符";
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:     return "工作表名称含有不允许的字符 ([ ] : * ? / \\)";
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:  return "工作表名称不能以单引号开头或结尾";
    case LXW_ERROR_SHEETNAME_ALREADY_USED:          return "工作表名称重复";
    case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:       return "文字超过32个字符";
    case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:      return "文字超过128个字符";
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:      return "文字超过255个字符";
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:      return "单元格文字超过 Excel 的上限 (32767 字符)";
    case LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND:   return "表格内部文字索引出错";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:    return "超出 Excel 的行列范围";
    case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED:
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: return "链接太长或太多";
    case LXW_ERROR_IMAGE_DIMENSIONS:                return "图片尺寸无法读取";
    case LXW_MAX_ERRNO:                             break;
    }
    return "Excel 文件写入出错";
}

const char *syserr_lxw_text(int e, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s (%s)", syserr_lxw_zh(e), lxw_strerror((lxw_error)e));
    return buf;
}
