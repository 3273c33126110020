// The resident's PIN pad: large keys (≥ 44 px), usable by touch and by keyboard (digits,
// Backspace, Enter). Digits are shown as dots only and are cleared as soon as they are sent.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useReadings } from './EasyText.tsx';

interface Props {
  digits: string;
  onChange(digits: string): void;
  onSubmit(): void;
  onCancel(): void;
  disabled: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PinPad({ digits, onChange, onSubmit, onCancel, disabled }: Props) {
  const { t } = useTranslation();
  const tr = useReadings();
  const press = (digit: string) => {
    if (!disabled && digits.length < 4) onChange(digits + digit);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (disabled) return;
      if (/^[0-9]$/.test(event.key)) {
        press(event.key);
        event.preventDefault();
      } else if (event.key === 'Backspace') {
        onChange(digits.slice(0, -1));
        event.preventDefault();
      } else if (event.key === 'Enter' && digits.length === 4) {
        onSubmit();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <div className="pin-pad" role="group" aria-label={t('resident.pin.pad')}>
      <output className="pin-dots" aria-live="polite" aria-label={t('resident.pin.entered', { count: digits.length })}>
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={i < digits.length ? 'dot filled' : 'dot'} aria-hidden="true">
            {i < digits.length ? '●' : '○'}
          </span>
        ))}
        <span className="visually-hidden">{t('resident.pin.entered', { count: digits.length })}</span>
      </output>
      <div className="pin-keys">
        {KEYS.map((digit) => (
          <button
            key={digit}
            type="button"
            className="pin-key"
            aria-label={t('resident.pin.digit', { digit })}
            onClick={() => press(digit)}
            disabled={disabled}
          >
            {digit}
          </button>
        ))}
        <button type="button" className="pin-key pin-key-small" onClick={() => onChange('')} disabled={disabled}>
          {tr('resident.pin.clear')}
        </button>
        <button
          type="button"
          className="pin-key"
          aria-label={t('resident.pin.digit', { digit: '0' })}
          onClick={() => press('0')}
          disabled={disabled}
        >
          0
        </button>
        <button type="button" className="pin-key pin-key-small" onClick={() => onChange(digits.slice(0, -1))} disabled={disabled}>
          {tr('resident.pin.delete')}
        </button>
      </div>
      <div className="pin-actions">
        <button type="button" className="secondary big" onClick={onCancel} disabled={disabled}>
          {tr('resident.pin.cancel')}
        </button>
        <button type="button" className="primary big" onClick={onSubmit} disabled={disabled || digits.length !== 4}>
          {tr('resident.pin.submit')}
        </button>
      </div>
    </div>
  );
}
