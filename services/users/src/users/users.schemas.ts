import { IdParams, ListQuery } from '@emporium/kit';
import { Type, type Static } from 'typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const Role = Type.Union([Type.Literal('customer'), Type.Literal('employee'), Type.Literal('admin')]);

// Linear: the domain's labels exclude the dot that separates them, so no character can belong to two places.
export const Email = Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+$', description: 'Compared case-insensitively' });
export const NewPassword = Type.String({ minLength: 8, maxLength: 256, description: 'At least 8 characters' });
export const UserName = Text(100);

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  emailVerified: Type.Boolean({ description: 'True once the link sent to the address was followed' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

export const Address = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Kept when given; made up for a new address' })),
  name: Text(100),
  line1: Text(200),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Text(100),
  postalCode: Text(20),
  country: Text(100),
});
export type Address = Static<typeof Address>;

export const Me = Type.Object({
  ...User.properties,
  addresses: Type.Array(Type.Object({ ...Address.properties, id: Type.String() })),
});

export const UpdateMe = Type.Object(
  {
    name: Type.Optional(UserName),
    password: Type.Optional(NewPassword),
    currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Required to change the password' })),
    addresses: Type.Optional(Type.Array(Address, { maxItems: 20, description: 'Replaces the whole list' })),
  },
  { minProperties: 1 },
);
export type UpdateMe = Static<typeof UpdateMe>;

export const UserId = IdParams;

export const UpdateRole = Type.Object({ role: Role });

export const ListUsersQuery = Type.Object({
  ...ListQuery,
  role: Type.Optional(Role),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the email or name' })),
});
export type ListUsersQuery = Static<typeof ListUsersQuery>;

export const ContactsQuery = Type.Object({
  ids: Type.String({ minLength: 1, maxLength: 10_000, pattern: '^[^,\\s]+(,[^,\\s]+)*$', description: 'Up to 100 user ids, comma-separated' }),
});
