import { z } from 'zod';
import { PAGE_LIMIT, inChunks, ints, listOf } from './inputs';
import type { FlashdutyTransport } from './transport';
import {
  channelSchema,
  fieldDefinitionSchema,
  memberInfoSchema,
  memberSchema,
  personSchema,
  teamSchema,
  type FlashdutyChannel,
  type FlashdutyFieldDefinition,
  type FlashdutyMember,
  type FlashdutyMemberInfo,
  type FlashdutyPerson,
  type FlashdutyTeam,
} from './types';

/** The account's channels, teams, members, people and custom fields: what the form offers and checks. */

const pagedSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: listOf(item), total: z.number().int().optional(), has_next_page: z.boolean().optional() });
const itemsSchema = <T extends z.ZodType>(item: T) => z.object({ items: listOf(item) });

export function createDirectoryCalls({ call }: FlashdutyTransport) {
  async function listAllPages<T extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    item: T,
  ): Promise<z.output<T>[]> {
    const all: z.output<T>[] = [];
    for (let p = 1; ; p++) {
      const page = await call(path, { ...body, p, limit: PAGE_LIMIT }, pagedSchema(item));
      all.push(...page.items);
      const more =
        page.has_next_page ??
        (page.total !== undefined ? p * PAGE_LIMIT < page.total : page.items.length === PAGE_LIMIT);
      if (!more || page.items.length === 0) return all;
    }
  }

  return {
    listChannels: (filter: { query?: string; teamIds?: string[] } = {}): Promise<FlashdutyChannel[]> =>
      listAllPages('/channel/list', { query: filter.query, team_ids: ints(filter.teamIds) }, channelSchema),

    listTeams: (filter: { query?: string } = {}): Promise<FlashdutyTeam[]> =>
      listAllPages('/team/list', { query: filter.query }, teamSchema),

    listMembers: (filter: { query?: string } = {}): Promise<FlashdutyMember[]> =>
      listAllPages('/member/list', { query: filter.query }, memberSchema),

    /** The user this app key acts as; actions made with the key carry this member_id. */
    memberInfo: (): Promise<FlashdutyMemberInfo> => call('/member/info', {}, memberInfoSchema),

    async listFields(): Promise<FlashdutyFieldDefinition[]> {
      return (await call('/field/list', {}, itemsSchema(fieldDefinitionSchema))).items;
    },

    async personInfos(personIds: readonly string[]): Promise<FlashdutyPerson[]> {
      if (personIds.length === 0) return [];
      const all: FlashdutyPerson[] = [];
      for (const part of inChunks(personIds)) {
        all.push(...(await call('/person/infos', { person_ids: ints(part) }, itemsSchema(personSchema))).items);
      }
      return all;
    },
  };
}
