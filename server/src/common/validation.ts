import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, msg]) => {
      if (name === 'whitelistValidation') return `不支持的字段：${path}`;
      // Our DTOs write Chinese messages; a class-validator default (English) gets a generic one.
      return /[\u4e00-\u9fa5]/.test(msg) ? msg : `字段 ${path} 的值不正确`;
    });
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Validates and strips every request body; unknown fields and wrong types are a 400 in Chinese. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new BadRequestException(flatten(errors)),
});

/**
 * A whole number in a JSON body, also accepted as a numeric string ("3"); anything else (arrays, booleans,
 * objects) is left as it is, so @IsInt refuses it — unlike @Type(() => Number), which turns [3] and true into numbers.
 */
export const ToInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : value,
  );
