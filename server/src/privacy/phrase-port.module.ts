import { Global, Module } from '@nestjs/common';
import { ResidentTextCheck } from '../tickets/ports';
import { PhrasesService } from './phrases.service';
import { PrivacyModule } from './privacy.module';

/**
 * The company's forbidden-phrase check, offered to the tickets domain as its ResidentTextCheck port without
 * tickets importing privacy, which reads tickets: global, imported once by the app module. LifecycleService finds
 * PhrasesService by the port's token and runs it before a text a resident reads is stored.
 */
@Global()
@Module({
  imports: [PrivacyModule],
  providers: [{ provide: ResidentTextCheck, useExisting: PhrasesService }],
  exports: [ResidentTextCheck],
})
export class PhrasePortModule {}
