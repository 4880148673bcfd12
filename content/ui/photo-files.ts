/** Strings of a photo file itself: why one is refused (worker/photos/clean.ts) and why the phone could not shrink it (site/scripts/photo-shrink.ts). */
export const zh = {
  'photos.refused.notPhoto': '这个文件不是照片。可以上传 JPEG、PNG 或 WebP 格式的照片（按文件内容检查，不看文件名）。',
  'photos.refused.heic': '这张照片是 HEIC/HEIF 格式，这里收不了。请上传 JPEG、PNG 或 WebP 格式的照片：在苹果手机上可以在“设置 → 相机 → 格式”里选“兼容性最佳”，或者截图后上传截图，也可以打开浏览器的 JavaScript，手机会自动转换。',
  'photos.refused.damaged': '这张照片的文件不完整或已损坏（也可能夹带了不属于照片的内容），无法接收。请重新拍摄或另选一张。',
  'photos.refused.tooManyPixels': '这张照片的像素太多了：最多 {max} 百万像素。请缩小后再上传。',
  'photos.shrink.cannotRead': '这个浏览器打不开这张照片（可能是 HEIC 格式）。请换一张 JPEG、PNG 或 WebP 照片，或者截图后上传截图。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'photos.refused.notPhoto': 'This file is not a photo. Photos can be JPEG, PNG or WebP (checked by the file’s content, not its name).',
  'photos.refused.heic': 'This photo is HEIC/HEIF, which cannot be taken here. Please send a JPEG, PNG or WebP photo: on an iPhone, choose Settings → Camera → Formats → Most Compatible, or send a screenshot of it; with JavaScript on, the phone converts it for you.',
  'photos.refused.damaged': 'This photo’s file is incomplete or damaged (or carries something that is not part of a photo) and cannot be taken. Please take it again or choose another.',
  'photos.refused.tooManyPixels': 'This photo has too many pixels: at most {max} megapixels. Please make it smaller and send it again.',
  'photos.shrink.cannotRead': 'This browser cannot open this photo (it may be HEIC). Please choose a JPEG, PNG or WebP photo, or send a screenshot of it.',
};
